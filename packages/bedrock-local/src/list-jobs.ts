import { validation } from "./errors.ts";
import type { Job, JobStatus } from "./job.ts";
import { requireShape } from "./service-model/validate.ts";

export interface ListQuery {
  statusEquals?: string;
  nameContains?: string;
  submitTimeAfter?: string;
  submitTimeBefore?: string;
  sortBy?: string;
  sortOrder?: string;
  maxResults?: string;
  nextToken?: string;
}

const MAX_RESULTS = 1000;

/**
 * ListModelInvocationJobs: filter, sort by creation time, page. The token is a cursor (the last job's
 * submit time and id), so jobs created between two pages neither repeat nor vanish.
 */
export function listJobs(all: Job[], query: ListQuery): { jobs: Job[]; nextToken?: string } {
  // The query string carries every member as text: the integer is read as one before the shape is checked.
  const maxResults = query.maxResults === undefined ? undefined : integerOrText(query.maxResults);
  requireShape("ListModelInvocationJobsRequest", { ...query, maxResults });
  const limit = maxResults === undefined ? MAX_RESULTS : Number(maxResults);
  const ascending = query.sortOrder === "Ascending";
  const after = query.submitTimeAfter ? Date.parse(query.submitTimeAfter) : undefined;
  const before = query.submitTimeBefore ? Date.parse(query.submitTimeBefore) : undefined;

  const key = (job: Job) => [job.submitTime.getTime(), job.jobId] as const;
  const compare = (a: Job, b: Job) => {
    const [ta, ia] = key(a);
    const [tb, ib] = key(b);
    const order = ta - tb || (ia < ib ? -1 : ia > ib ? 1 : 0);
    return ascending ? order : -order;
  };
  const cursor = query.nextToken ? decodeCursor(query.nextToken) : undefined;
  const matching = all
    .filter((job) => !query.statusEquals || job.status === (query.statusEquals as JobStatus))
    .filter((job) => !query.nameContains || job.jobName.includes(query.nameContains))
    .filter((job) => after === undefined || job.submitTime.getTime() > after)
    .filter((job) => before === undefined || job.submitTime.getTime() < before)
    .sort(compare)
    .filter((job) => !cursor || compare(job, cursor as Job) > 0);
  const jobs = matching.slice(0, limit);
  const last = jobs.at(-1);
  return matching.length > limit && last ? { jobs, nextToken: encodeCursor(last) } : { jobs };
}

function integerOrText(text: string): number | string {
  return /^-?[0-9]+$/.test(text) ? Number(text) : text;
}

function encodeCursor(job: Job): string {
  return Buffer.from(JSON.stringify([job.submitTime.getTime(), job.jobId])).toString("base64url");
}

function decodeCursor(token: string): Pick<Job, "submitTime" | "jobId"> {
  try {
    const [time, jobId] = JSON.parse(Buffer.from(token, "base64url").toString()) as [number, string];
    if (typeof time !== "number" || typeof jobId !== "string") throw new Error("bad cursor");
    return { submitTime: new Date(time), jobId };
  } catch {
    throw validation("The nextToken is invalid.");
  }
}
