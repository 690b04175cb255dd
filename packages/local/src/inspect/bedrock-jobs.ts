import {
  type BedrockClient,
  GetModelInvocationJobCommand,
  type GetModelInvocationJobCommandOutput,
  ListModelInvocationJobsCommand,
  type ModelInvocationJobSummary,
} from "@aws-sdk/client-bedrock";
import { baseModelId } from "@recap/shared/models/family";

/** The statuses that hold one of a model's job slots: submitted or in progress, in Bedrock's words. */
export const SLOT_STATUSES: ReadonlySet<string> = new Set([
  "Submitted",
  "Validating",
  "Scheduled",
  "InProgress",
  "Stopping",
]);

/** A listing has no end a CLI should wait for: past this many pages, the newest jobs are enough. */
const MAX_PAGES = 50;

export interface JobRow {
  jobArn: string;
  jobName: string;
  modelId: string;
  status: string;
  submitTime?: string;
  endTime?: string;
  message?: string;
  recap: boolean;
}

export interface JobListing {
  jobs: JobRow[];
  /** The listing stopped at MAX_PAGES: older jobs exist and are not counted. */
  truncated: boolean;
}

/** Bedrock's job list, newest first, every job of the account (Recap's are those named `jobNamePrefix…`). */
export async function listJobs(
  bedrock: BedrockClient,
  jobNamePrefix: string,
  filter: { status?: string } = {},
): Promise<JobListing> {
  const jobs: JobRow[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await bedrock.send(
      new ListModelInvocationJobsCommand({
        maxResults: 100,
        sortBy: "CreationTime",
        sortOrder: "Descending",
        ...(filter.status ? { statusEquals: filter.status as never } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    for (const summary of page.invocationJobSummaries ?? []) jobs.push(rowOf(summary, jobNamePrefix));
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken && pages < MAX_PAGES);
  return { jobs, truncated: Boolean(nextToken) };
}

function rowOf(summary: ModelInvocationJobSummary, prefix: string): JobRow {
  return {
    jobArn: summary.jobArn ?? "",
    jobName: summary.jobName ?? "",
    modelId: baseModelId(summary.modelId ?? ""),
    status: summary.status ?? "Unknown",
    ...(summary.submitTime ? { submitTime: summary.submitTime.toISOString() } : {}),
    ...(summary.endTime ? { endTime: summary.endTime.toISOString() } : {}),
    ...(summary.message ? { message: summary.message } : {}),
    recap: (summary.jobName ?? "").startsWith(prefix),
  };
}

export class NoSuchJobError extends Error {
  override readonly name = "NoSuchJobError";
}

/**
 * One job by what an operator has to hand: its ARN, its name, or the shard id Recap named it after
 * (`recap-<stage>-<shardId>`). Bedrock's Get takes the ARN (or, on AWS, the job id); names are looked up.
 */
export async function findJob(
  bedrock: BedrockClient,
  jobNamePrefix: string,
  ref: string,
): Promise<GetModelInvocationJobCommandOutput> {
  const jobArn = ref.startsWith("arn:")
    ? ref
    : await arnOfName(bedrock, ref.startsWith(jobNamePrefix) ? ref : `${jobNamePrefix}${ref}`);
  if (!jobArn) throw new NoSuchJobError(`no batch job is named ${ref} or ${jobNamePrefix}${ref}`);
  return bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
}

async function arnOfName(bedrock: BedrockClient, jobName: string): Promise<string | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await bedrock.send(
      new ListModelInvocationJobsCommand({
        nameContains: jobName,
        maxResults: 100,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    const found = page.invocationJobSummaries?.find((job) => job.jobName === jobName);
    if (found?.jobArn) return found.jobArn;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}
