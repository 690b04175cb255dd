import { HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { parseCreateRequest } from "./create-request.ts";
import { conflict, notFound, quotaExceeded, validation } from "./errors.ts";
import { listInputFiles } from "./input-files.ts";
import { isActive, type Job, jobArnOf, jobIdOf, jobView, newJobId, TERMINAL_STATUSES } from "./job.ts";
import type { JobLifecycle } from "./lifecycle.ts";
import { type ListQuery, listJobs } from "./list-jobs.ts";
import type { QuotasOf } from "./model-quotas.ts";
import { familyOf } from "./models/family.ts";
import { baseModelId } from "./models/model-id.ts";
import { parseS3Uri } from "./s3-uri.ts";

export interface ControlPlaneDeps {
  s3: S3Client;
  quotasOf: QuotasOf;
  lifecycle: JobLifecycle;
  region: string;
  account: string;
  /** The emulator's hour, for each job's expiration time. */
  hourMs: number;
}

/** CreateModelInvocationJob, GetModelInvocationJob, ListModelInvocationJobs, StopModelInvocationJob. */
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
    const family = familyOf(request.modelId, request.modelInvocationType);
    if (!family) throw validation(`The provided model identifier is invalid: ${request.modelId}`);
    const files = await listInputFiles(this.#deps.s3, request.inputDataConfig.s3InputDataConfig.s3Uri);
    await this.#requireBucket(request.outputDataConfig.s3OutputDataConfig.s3Uri);

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

  #find(identifier: string): Job {
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
