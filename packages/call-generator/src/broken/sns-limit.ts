/**
 * SNS takes at most 262,144 bytes a message. The content travels JSON-escaped inside the event, beside
 * the envelope and metadata: kept under this, every generated event can be published.
 */
export const MAX_ESCAPED_CONTENT_BYTES = 245_000;

export const escapedBytes = (content: string) => Buffer.byteLength(JSON.stringify(content));
