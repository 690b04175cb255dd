export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match?.[1]) throw new Error(`not an s3 URI: ${uri}`);
  return { bucket: match[1], key: match[2] ?? "" };
}
