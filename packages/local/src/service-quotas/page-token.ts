import { invalidPaginationToken } from "./errors.ts";

/**
 * NextToken: standard base64 (botocore's pattern is `^[a-zA-Z0-9/+]*={0,2}$`, at most 2,048 characters) of
 * the operation and the offset of the next page, so a token from one listing is refused by the other.
 */
export function pageToken(operation: string, offset: number): string {
  return Buffer.from(`${operation}:${offset}`).toString("base64");
}

export function offsetOf(operation: string, token: string, length: number): number {
  const [tokenOperation, offsetText] = Buffer.from(token, "base64").toString().split(":");
  const offset = Number(offsetText);
  if (tokenOperation !== operation || !Number.isInteger(offset) || offset < 0 || offset > length)
    throw invalidPaginationToken();
  return offset;
}
