import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";
import { jobReported, type RecapEvent } from "@recap/shared";

export type JobReport = RecapEvent<"job.reported">["data"];

const REPORTS = "reports/";

/** A harvested job's report (result-publisher writes `reports/<shardId>.json`), or undefined before harvest. */
export async function readJobReport(
  s3: S3Client,
  bucket: string,
  shardId: string,
): Promise<JobReport | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${REPORTS}${shardId}.json` }));
    return parseReport(await object.Body?.transformToString());
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return undefined;
    throw error;
  }
}

/** Every report whose object was written in [since, until): S3's LastModified is when the job was harvested. */
export async function readJobReports(
  s3: S3Client,
  bucket: string,
  range: { since?: Date; until?: Date },
): Promise<JobReport[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: REPORTS,
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const object of page.Contents ?? []) {
      const at = object.LastModified?.getTime() ?? 0;
      // LastModified is a prefilter only: the report's own harvestedAt decides below.
      if (range.since && at < range.since.getTime() - 60_000) continue;
      if (object.Key) keys.push(object.Key);
    }
    token = page.NextContinuationToken;
  } while (token);
  const reports: JobReport[] = [];
  for (let i = 0; i < keys.length; i += 16) {
    const batch = await Promise.all(
      keys.slice(i, i + 16).map(async (key) => {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return parseReport(await object.Body?.transformToString());
      }),
    );
    reports.push(...batch);
  }
  return reports.filter((report) => {
    const at = Date.parse(report.harvestedAt);
    return (!range.since || at >= range.since.getTime()) && (!range.until || at < range.until.getTime());
  });
}

function parseReport(text: string | undefined): JobReport {
  return jobReported.data.parse(JSON.parse(text ?? "null"));
}
