import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { validation } from "./errors.ts";
import { asFolder, parseS3Uri } from "./s3-uri.ts";

export interface InputFile {
  bucket: string;
  key: string;
  /** The file name, which names its output: `{name}.out`. */
  name: string;
  bytes: number;
}

/**
 * The JSONL files a job reads: the object the URI names, or every `.jsonl` object under it when it names a
 * folder (all pages of the listing). A URI that names nothing is refused when the job is created.
 */
export async function listInputFiles(s3: S3Client, uri: string): Promise<InputFile[]> {
  const { bucket, key } = parseS3Uri(uri);
  if (key !== "" && !key.endsWith("/")) {
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return [{ bucket, key, name: key.slice(key.lastIndexOf("/") + 1), bytes: head.ContentLength ?? 0 }];
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404)
        throw error;
      // Not an object: it may still be a folder given without its trailing slash.
    }
  }
  const prefix = asFolder(key);
  const files: InputFile[] = [];
  let token: string | undefined;
  do {
    const page = await s3
      .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }))
      .catch((error: { $metadata?: { httpStatusCode?: number } }) => {
        if (error.$metadata?.httpStatusCode === 404)
          throw validation(`The input S3 bucket of ${uri} does not exist.`);
        throw error;
      });
    for (const object of page.Contents ?? []) {
      if (object.Key?.endsWith(".jsonl")) {
        files.push({
          bucket,
          key: object.Key,
          name: object.Key.slice(prefix.length).replaceAll("/", "_"),
          bytes: object.Size ?? 0,
        });
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  if (files.length === 0) throw validation(`The input S3 location ${uri} holds no JSONL file.`);
  return files;
}
