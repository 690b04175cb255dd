import { z } from "zod";

/** Caller-chosen ids end up in S3 keys and SNS attributes, so they keep to a safe alphabet. */
export const transcriptIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, "1-128 chars of A-Z a-z 0-9 . _ : - starting alphanumeric");

export const s3UriSchema = z
  .string()
  .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+$/, "an s3://bucket/key URI");

/** The bucket and key of an s3:// URI. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match?.[1]) throw new Error(`not an s3 URI: ${uri}`);
  return { bucket: match[1], key: match[2] ?? "" };
}

/** Free-form metadata passed through from the producer; `tenant`, `callCenter` and `queue` become filterable. */
export const metadataSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), z.string().max(1024))
  .refine((m) => Object.keys(m).length <= 32, "at most 32 metadata entries")
  .default({});

export type Metadata = z.output<typeof metadataSchema>;

/** Subscribers filter on these (e.g. one call center's summaries); SNS allows only 10 attributes. */
export function filterableMetadata(metadata: Metadata): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of ["tenant", "callCenter", "queue"] as const) {
    const value = metadata[key];
    if (value) picked[key] = value;
  }
  return picked;
}
