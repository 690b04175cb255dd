import { randomUUID } from "node:crypto";
import type { Logger } from "@aws-lambda-powertools/logger";
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { BatchQuotas, RecapConfig } from "@recap/shared";
import type { Publish } from "@recap/shared/runtime";
import { activeJobs, stillActive } from "./active-jobs.ts";
import { announceRefused, announceSubmitted } from "./announce.ts";
import { type CreateOutcome, createJob } from "./create-job.ts";
import { freeSlots, learnedQuota } from "./free-slots.ts";
import {
  acquireModelLease,
  forceReleaseModelLease,
  readLearnedQuota,
  recordLearnedQuota,
  releaseModelLease,
  renewModelLease,
} from "./model-lease.ts";
import {
  closeShard,
  markAnnounced,
  markCreated,
  markRefused,
  openShards,
  recordCreateFailure,
  type ShardItem,
} from "./waiting-shards.ts";

/**
 * A fill takes a few calls and renews the lease before each create; a submitter that dies holding it blocks
 * its model this long at most.
 */
const LEASE_MS = 5_000;
/** How long an announced job counts as active even if Bedrock's list does not show it yet. */
const LIST_LAG_GRACE_MS = 60_000;
/** Fills in a row when other submitters keep asking for one (the dirty mark) while this one holds the lease. */
const MAX_ROUNDS = 5;

export interface FillDeps {
  db: DynamoDBDocumentClient;
  table: string;
  bedrock: BedrockClient;
  publish: Publish;
  logger: Logger;
  config: RecapConfig;
  quotasOf: (modelId: string) => Promise<BatchQuotas>;
  jobNamePrefix: string;
  roleArn: string;
  outputUriOf: (shardId: string) => string;
  now?: () => number;
}

/**
 * Keeps one model's job slots full: every waiting shard, earliest deadline first, gets a job as soon as
 * Bedrock lists fewer active jobs than the quota. Runs on shard.sealed, on job.finished and on the tick.
 * `sealedNow` names the shards the caller has just enqueued, which the lagging `open` index may not list yet.
 */
export async function fillSlots(
  deps: FillDeps,
  modelId: string,
  sealedNow: readonly string[] = [],
): Promise<void> {
  const owner = randomUUID();
  if (!(await acquireModelLease(deps.db, deps.table, modelId, owner, LEASE_MS))) return;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      await fillOnce(deps, modelId, owner, sealedNow);
      if (await releaseModelLease(deps.db, deps.table, modelId, owner)) return;
      // Another submitter asked for a fill while this one ran: take the lease back (clearing the request), fill again.
      if (!(await acquireModelLease(deps.db, deps.table, modelId, owner, LEASE_MS))) return;
    }
  } finally {
    // Never leave the lease held on the way out (an error, or requests that kept coming): the next fill is
    // at most a tick away, while a lease left to expire would block the model for its whole term.
    await forceReleaseModelLease(deps.db, deps.table, modelId, owner);
  }
}

/** Creates that fail in ways nobody classified, per shard, before the shard is refused rather than retried. */
const MAX_CREATE_FAILURES = 5;

async function fillOnce(
  deps: FillDeps,
  modelId: string,
  owner: string,
  sealedNow: readonly string[],
): Promise<void> {
  const now = deps.now ?? Date.now;
  const started = now();
  const backoff = deps.config.submitting.throttle;
  const [stored, active] = await Promise.all([
    openShards(deps.db, deps.table, modelId, sealedNow),
    activeJobs(deps.bedrock, modelId, backoff, now()),
  ]);
  const activeByName = new Map([...active].map(([jobArn, job]) => [job.jobName, { jobArn, ...job }]));
  const open: ShardItem[] = [];
  for (const shard of stored) {
    // A job Bedrock runs for a shard still `waiting`: its submitter died between create and record. Adopt it.
    const adopted = shard.state === "waiting" ? activeByName.get(jobNameOf(deps, shard)) : undefined;
    if (adopted) {
      const job = {
        jobArn: adopted.jobArn,
        jobName: adopted.jobName,
        submittedAt: (adopted.submitTime ?? new Date(now())).toISOString(),
      };
      await markCreated(deps.db, deps.table, shard.shardId, job);
      open.push(await announce(deps, { ...shard, ...job, state: "created" }, now() + LIST_LAG_GRACE_MS));
    } else if (shard.state === "created") {
      // Created but not announced: finish what a crashed submitter left.
      open.push(await announce(deps, shard, now() + LIST_LAG_GRACE_MS));
    } else if (shard.state === "refused") {
      await announceRefusal(deps, shard);
    } else {
      open.push(shard);
    }
  }
  const recent: string[] = [];
  for (const shard of open.filter((s) => s.state === "announced")) {
    const listed = shard.jobArn !== undefined && active.has(shard.jobArn);
    const inGrace = (shard.graceUntil ?? 0) > now();
    if (shard.jobArn && !listed && inGrace && (await stillActive(deps.bedrock, shard.jobArn, backoff))) {
      recent.push(shard.jobArn);
    } else {
      await closeShard(deps.db, deps.table, shard.shardId);
    }
  }
  const quota = (await deps.quotasOf(modelId)).maxActiveJobs;
  const learned = await readLearnedQuota(deps.db, deps.table, modelId);
  const activeArns = new Set(active.keys());
  let free = freeSlots({
    quota,
    ...(learned ? { learned } : {}),
    now: now(),
    activeJobArns: activeArns,
    recentJobArns: recent,
  });
  deps.logger.debug("slots read", {
    modelId,
    quota,
    active: active.size,
    recent: recent.length,
    free,
    ms: now() - started,
  });

  let createdNow = 0;
  for (const shard of open.filter((s) => s.state === "waiting")) {
    if (free <= 0) return;
    if (!(await renewModelLease(deps.db, deps.table, modelId, owner, LEASE_MS))) return;
    const jobName = jobNameOf(deps, shard);
    let outcome: CreateOutcome;
    try {
      outcome = await createJob(
        deps.bedrock,
        {
          shard,
          jobName,
          roleArn: deps.roleArn,
          outputUri: deps.outputUriOf(shard.shardId),
          timeoutHours: deps.config.submitting.jobTimeoutHours,
          invocationType: deps.config.profiles[shard.profile]?.invocationType ?? "InvokeModel",
        },
        backoff,
      );
    } catch (error) {
      // Unclassified (access denied, a service error…): count it and go on, so one shard cannot block a model.
      const { name, message } = error as Error;
      const failures = await recordCreateFailure(deps.db, deps.table, shard.shardId, `${name}: ${message}`);
      deps.logger.error("CreateModelInvocationJob failed", {
        shardId: shard.shardId,
        error: { name, message },
        failures,
      });
      outcome =
        failures >= MAX_CREATE_FAILURES
          ? { kind: "refused", code: name || "CreateFailed", message: message || name }
          : { kind: "skipped" };
    }
    if (outcome.kind === "created") {
      const job = { jobArn: outcome.jobArn, jobName, submittedAt: new Date(now()).toISOString() };
      // False: another filler recorded this very job (same token, same ARN) and announces it.
      if (await markCreated(deps.db, deps.table, shard.shardId, job)) {
        await announce(deps, { ...shard, ...job, state: "created" }, now() + LIST_LAG_GRACE_MS);
        deps.logger.info("job created", {
          shardId: shard.shardId,
          jobArn: outcome.jobArn,
          records: shard.records,
        });
      }
      free--;
      createdNow++;
    } else if (outcome.kind === "quota-full") {
      const learnt = learnedQuota(active.size + recent.length + createdNow);
      const until = now() + deps.config.submitting.learnedQuotaTtlSeconds * 1000;
      await recordLearnedQuota(deps.db, deps.table, modelId, learnt, until);
      deps.logger.warn("Bedrock says the model's job slots are full; the shard keeps waiting", {
        modelId,
        learnedQuota: learnt,
      });
      return;
    } else if (outcome.kind === "throttled") {
      deps.logger.warn("CreateModelInvocationJob still throttled after backoff; the next fill retries", {
        modelId,
      });
      return;
    } else if (outcome.kind === "refused") {
      const refusal = { code: outcome.code, message: outcome.message.slice(0, 1000) || outcome.code };
      if (await markRefused(deps.db, deps.table, shard.shardId, refusal)) {
        await announceRefusal(deps, { ...shard, state: "refused", refusal });
      }
    }
  }
}

function jobNameOf(deps: FillDeps, shard: { shardId: string }): string {
  return `${deps.jobNamePrefix}${shard.shardId}`;
}

async function announce(deps: FillDeps, shard: ShardItem, graceUntil: number): Promise<ShardItem> {
  await announceSubmitted(deps.publish, shard, deps.outputUriOf(shard.shardId));
  await markAnnounced(deps.db, deps.table, shard, graceUntil);
  return { ...shard, state: "announced", graceUntil };
}

async function announceRefusal(deps: FillDeps, shard: ShardItem): Promise<void> {
  await announceRefused(deps.publish, shard);
  await markAnnounced(deps.db, deps.table, shard, 0);
  deps.logger.warn("Bedrock refused the shard's job for good", {
    shardId: shard.shardId,
    code: shard.refusal?.code,
  });
}
