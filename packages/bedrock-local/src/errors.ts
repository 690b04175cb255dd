/**
 * Errors as Bedrock's rest-json protocol sends them: an HTTP status, the `x-amzn-errortype` header and a
 * `{ message }` body. The AWS SDK raises them under the same names (`ValidationException`, …).
 */
export class BedrockApiError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, status: number, message: string) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

export const validation = (message: string) => new BedrockApiError("ValidationException", 400, message);
export const quotaExceeded = (message: string) =>
  new BedrockApiError("ServiceQuotaExceededException", 400, message);
export const throttled = () =>
  new BedrockApiError("ThrottlingException", 429, "Too many requests, please wait.");
export const conflict = (message: string) => new BedrockApiError("ConflictException", 400, message);
export const notFound = (message: string) => new BedrockApiError("ResourceNotFoundException", 404, message);
export const internal = (message: string) => new BedrockApiError("InternalServerException", 500, message);
export const accessDenied = (message: string) => new BedrockApiError("AccessDeniedException", 403, message);
/** TooManyTagsException carries the resource's name beside the message. */
export class TooManyTagsError extends BedrockApiError {
  readonly resourceName: string;
  constructor(message: string, resourceName: string) {
    super("TooManyTagsException", 400, message);
    this.resourceName = resourceName;
  }
}
