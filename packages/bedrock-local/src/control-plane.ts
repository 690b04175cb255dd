import { HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import type { BatchQuotas } from "./config.ts";
import { parseCreateRequest } from "./create-request.ts";
import { conflict, notFound, quotaExceeded, validation } from "./errors.ts";
import { listInputFiles } from "./input-files.ts";
import { isActive, type Job, jobArnOf, jobIdOf, jobView, newJobId, TERMINAL_STATUSES } from "./job.ts";
import type { JobLifecycle } from "./lifecycle.ts";
import { type ListQuery, listJobs } from "./list-jobs.ts";
import { familyOf } from "./models/family.ts";
import { parseS3Uri } from "./s3-uri.ts";

export interface ControlPlaneDeps {
  s3: S3Client;
  quotas: BatchQuotas;
  lifecycle: JobLifecycle;
  region: string;
  account: string;
  /** Called for a new job, as for every later status change. */
  onStatus: (job: Job) => void;
}

/** CreateModelInvocationJob, GetModelInvocationJob, ListModelInvocationJobs, StopModelInvocationJob. */
export class ControlPlane {
  readonly #deps: ControlPlaneDeps;
  readonly #jobs = new Map<string, Job>();
  readonly #byToken = new Map<string, Job>();

  constructor(deps: ControlPlaneDeps) {
    this.#deps = deps;
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
    const active = [...this.#jobs.values()].filter(
      (j) => j.modelId === request.modelId && isActive(j),
    ).length;
    if (active >= this.#deps.quotas.maxActiveJobsPerModel) {
      throw quotaExceeded(
        `The number of batch inference jobs submitted or in progress for ${request.modelId} would exceed the quota of ${this.#deps.quotas.maxActiveJobsPerModel}.`,
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
    };
    this.#jobs.set(jobId, job);
    if (job.clientRequestToken) this.#byToken.set(job.clientRequestToken, job);
    this.#deps.onStatus(job);
    this.#deps.lifecycle.start(job, family, files);
    return { jobArn: job.jobArn };
  }

  get(identifier: string): Record<string, unknown> {
    return jobView(this.#find(identifier));
  }

  list(query: ListQuery): { invocationJobSummaries: Record<string, unknown>[]; nextToken?: string } {
    const page = listJobs([...this.#jobs.values()], query);
    return {
      invocationJobSummaries: page.jobs.map(jobView),
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
