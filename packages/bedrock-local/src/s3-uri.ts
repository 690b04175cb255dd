export interface S3Location {
  bucket: string;
  key: string;
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match?.[1]) throw new Error(`not an s3 URI: ${uri}`);
  return { bucket: match[1], key: match[2] ?? "" };
}

/** A folder URI with exactly one trailing slash: outputs go under `{outputUri}/{jobId}/`. */
export function asFolder(key: string): string {
  return key === "" || key.endsWith("/") ? key : `${key}/`;
}
