import { setTimeout as sleep } from "node:timers/promises";
import { HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { parseCreateRequest } from "./create-request.ts";
import { conflict, notFound, quotaExceeded, TooManyTagsError, validation } from "./errors.ts";
import { requireModelAlive } from "./foundation-models/api.ts";
import { listInputFiles } from "./input-files.ts";
import { isActive, type Job, jobArnOf, jobIdOf, jobView, newJobId, TERMINAL_STATUSES } from "./job.ts";
import type { JobLifecycle } from "./lifecycle.ts";
import { type ListQuery, listJobs } from "./list-jobs.ts";
import type { QuotasOf } from "./model-quotas.ts";
import { familyOf } from "./models/family.ts";
import { baseModelId } from "./models/model-id.ts";
import { parseS3Uri } from "./s3-uri.ts";
import { requireShape } from "./service-model/validate.ts";
import { MAX_TAGS_PER_RESOURCE, type Tag, withoutTags, withTags } from "./tags.ts";

export interface ControlPlaneDeps {
  s3: S3Client;
  quotasOf: QuotasOf;
  lifecycle: JobLifecycle;
  region: string;
  account: string;
  /** The emulator's hour, for each job's expiration time. */
  hourMs: number;
  /** Seconds the next create waits before it answers (the slowCreates fault); 0 for none. */
  createDelaySeconds: () => number;
  /** Writes a job whose tags changed where jobs are kept. */
  persist: (job: Job) => void;
}

/**
 * CreateModelInvocationJob, GetModelInvocationJob, ListModelInvocationJobs, StopModelInvocationJob, and
 * TagResource, UntagResource and ListTagsForResource on jobs.
 */
export class ControlPlane {
  readonly #deps: ControlPlaneDeps;
  readonly #jobs = new Map<string, Job>();
  readonly #byToken = new Map<string, Job>();

  constructor(deps: ControlPlaneDeps) {
    this.#deps = deps;
  }

  /** Jobs from a previous run (a data directory): listed, counted against the quota, found by token. */
  restore(jobs: Iterable<Job>): void {
    for (const job of jobs) {
      this.#jobs.set(job.jobId, job);
      if (job.clientRequestToken) this.#byToken.set(job.clientRequestToken, job);
    }
  }

  async create(body: unknown): Promise<{ jobArn: string }> {
    const request = parseCreateRequest(body);
    const replayed = this.#replay(request.clientRequestToken);
    if (replayed) return replayed;
    requireModelAlive(request.modelId);
    const family = familyOf(request.modelId, request.modelInvocationType);
    if (!family) throw validation(`The provided model identifier is invalid: ${request.modelId}`);
    const files = await listInputFiles(this.#deps.s3, request.inputDataConfig.s3InputDataConfig.s3Uri);
    await this.#requireBucket(request.outputDataConfig.s3OutputDataConfig.s3Uri);
    const delaySeconds = this.#deps.createDelaySeconds();
    if (delaySeconds > 0) await sleep(delaySeconds * 1000);

    // From here on nothing awaits, so concurrent creates cannot both take the last slot or both use a token.
    const raced = this.#replay(request.clientRequestToken);
    if (raced) return raced;
    // The quota is per base model: jobs through its inference profiles or ARN share its slots.
    const model = baseModelId(request.modelId);
    const { maxActiveJobs } = this.#deps.quotasOf(model);
    const active = [...this.#jobs.values()].filter(
      (j) => baseModelId(j.modelId) === model && isActive(j),
    ).length;
    if (active >= maxActiveJobs) {
      throw quotaExceeded(
        `The number of batch inference jobs submitted or in progress for ${model} would exceed the quota of ${maxActiveJobs}.`,
      );
    }
    if ([...this.#jobs.values()].some((j) => j.jobName === request.jobName)) {
      throw conflict(`A batch inference job named ${request.jobName} already exists.`);
    }
    const jobId = newJobId();
    const now = new Date();
    const job: Job = {
      jobId,
      jobArn: jobArnOf(this.#deps.region, this.#deps.account, jobId),
      jobName: request.jobName,
      modelId: request.modelId,
      roleArn: request.roleArn,
      ...(request.clientRequestToken ? { clientRequestToken: request.clientRequestToken } : {}),
      modelInvocationType: request.modelInvocationType,
      inputUri: request.inputDataConfig.s3InputDataConfig.s3Uri,
      outputUri: request.outputDataConfig.s3OutputDataConfig.s3Uri,
      ...(request.outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId
        ? { outputKmsKeyId: request.outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId }
        : {}),
      ...(request.vpcConfig ? { vpcConfig: request.vpcConfig } : {}),
      tags: request.tags,
      timeoutDurationInHours: request.timeoutDurationInHours,
      status: "Submitted",
      submitTime: now,
      lastModifiedTime: now,
      inputFiles: files,
      injected: { slowness: 1 },
    };
    this.#jobs.set(jobId, job);
    if (job.clientRequestToken) this.#byToken.set(job.clientRequestToken, job);
    this.#deps.lifecycle.start(job);
    return { jobArn: job.jobArn };
  }

  get(identifier: string): Record<string, unknown> {
    return jobView(this.#find(identifier), this.#deps.hourMs);
  }

  list(query: ListQuery): { invocationJobSummaries: Record<string, unknown>[]; nextToken?: string } {
    const page = listJobs([...this.#jobs.values()], query);
    return {
      invocationJobSummaries: page.jobs.map((job) => jobView(job, this.#deps.hourMs)),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  stop(identifier: string): Record<string, never> {
    const job = this.#find(identifier);
    if (TERMINAL_STATUSES.has(job.status)) {
      throw conflict(`The job ${job.jobArn} is ${job.status} and can no longer be stopped.`);
    }
    if (job.status !== "Stopping") this.#deps.lifecycle.requestStop(job);
    return {};
  }

  tagResource(body: unknown): Record<string, never> {
    requireShape("TagResourceRequest", body);
    const { resourceARN, tags } = body as { resourceARN: string; tags: Tag[] };
    const job = this.#byArn(resourceARN);
    const tagged = withTags(job.tags, tags);
    if (tagged.length > MAX_TAGS_PER_RESOURCE) {
      throw new TooManyTagsError(
        `The request would leave ${tagged.length} tags on the resource; the most it can have is ${MAX_TAGS_PER_RESOURCE}.`,
        resourceARN,
      );
    }
    job.tags = tagged;
    this.#deps.persist(job);
    return {};
  }

  untagResource(body: unknown): Record<string, never> {
    requireShape("UntagResourceRequest", body);
    const { resourceARN, tagKeys } = body as { resourceARN: string; tagKeys: string[] };
    const job = this.#byArn(resourceARN);
    job.tags = withoutTags(job.tags, tagKeys);
    this.#deps.persist(job);
    return {};
  }

  listTags(body: unknown): { tags: Tag[] } {
    requireShape("ListTagsForResourceRequest", body);
    return { tags: this.#byArn((body as { resourceARN: string }).resourceARN).tags };
  }

  /** A taggable resource by its full ARN: only jobs are kept here, and only this region's and account's. */
  #byArn(arn: string): Job {
    const job = this.#jobs.get(jobIdOf(arn));
    if (!job || job.jobArn !== arn) throw notFound(`The resource ${arn} was not found.`);
    return job;
  }

  #find(identifier: string): Job {
    requireShape("JobIdentifierRequest", { jobIdentifier: identifier });
    const job = this.#jobs.get(jobIdOf(identifier));
    if (!job) throw notFound(`The batch inference job ${identifier} does not exist.`);
    return job;
  }

  /** A repeated clientRequestToken returns the job it created: no second job, no second bill. */
  #replay(token: string | undefined): { jobArn: string } | undefined {
    const job = token ? this.#byToken.get(token) : undefined;
    return job ? { jobArn: job.jobArn } : undefined;
  }

  async #requireBucket(uri: string): Promise<void> {
    const { bucket } = parseS3Uri(uri);
    try {
      await this.#deps.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch {
      throw validation(`The output S3 bucket ${bucket} does not exist or is not accessible.`);
    }
  }
}
