import {
  batchRoleArn,
  createBedrockClient,
  createBedrockRuntimeClient,
  createDocumentClient,
  createLogger,
  createPublisher,
  createS3Client,
  createServiceQuotasClient,
  createSnsClient,
  createSqsClient,
  createSqsHandler,
  deadLetterUrl,
  decodeEventOrTick,
  jobNamePrefix,
  loadConfig,
  parkInDeadLetters,
  readAccountQuotas,
  storeBucket,
  tableName,
  topicArn,
} from "@recap/shared";
import type { Context, SQSEvent } from "aws-lambda";
import { Resource } from "sst";
import { type FillDeps, fillSlots } from "./fill-slots.ts";
import { runOnDemand } from "./on-demand-run.ts";
import { claimOnDemandRun, enqueueShard, finishOnDemandRun } from "./waiting-shards.ts";

const logger = createLogger("job-submitter");
const config = loadConfig();
const db = createDocumentClient();
const s3 = createS3Client();
const bedrock = createBedrockClient();
const runtime = createBedrockRuntimeClient();
const quotas = createServiceQuotasClient();
const publish = createPublisher(createSnsClient(), topicArn);
const onPoison = parkInDeadLetters(createSqsClient(), () => deadLetterUrl("job-submitter"));

/** Bedrock writes `<outputUri><jobId>/…`; one folder per shard keeps a shard's output together. */
const outputUriOf = (shardId: string) => `s3://${storeBucket()}/outputs/${shardId}/`;

const fillDeps = (): FillDeps => ({
  db,
  table: tableName("job-submitter"),
  bedrock,
  publish,
  logger,
  config,
  quotasOf: async (modelId) => {
    const model = config.models[modelId];
    if (!model) throw new Error(`model ${modelId} is not configured`);
    return (await readAccountQuotas(quotas, modelId, model)).quotas;
  },
  jobNamePrefix: jobNamePrefix((Resource as unknown as { App: { stage: string } }).App.stage),
  roleArn: batchRoleArn(),
  outputUriOf,
});

/**
 * Sealed batch shards wait durably in the table (never by failing their message); on-demand tails run at
 * once. After the batch, every model it touched (every configured model, on a tick) has its slots filled.
 */
export async function handler(event: SQSEvent, context?: Context) {
  const models = new Set<string>();
  const take = createSqsHandler({
    logger,
    decode: (record) => decodeEventOrTick(record, ["shard.sealed", "job.finished"]),
    handle: async (input) => {
      if (input.kind === "tick") {
        for (const profile of Object.values(config.profiles)) models.add(profile.modelId);
        return;
      }
      const { event: received } = input;
      models.add(received.data.modelId);
      if (received.type !== "shard.sealed") return;
      const table = tableName("job-submitter");
      if (received.data.kind === "batch") {
        await enqueueShard(db, table, received.data);
        return;
      }
      const run = await claimOnDemandRun(db, table, received.data, new Date().toISOString());
      await runOnDemand(
        { s3, bucket: storeBucket(), runtime, publish, logger, config, outputUriOf },
        received.data,
        run,
        (finished) => finishOnDemandRun(db, table, received.data.shardId, finished),
      );
    },
    onPoison,
  });
  const response = await take(event, context);
  for (const modelId of models) {
    try {
      await fillSlots(fillDeps(), modelId);
    } catch (error) {
      logger.warn("filling slots deferred to the next event or tick", {
        modelId,
        error: { name: (error as Error).name, message: (error as Error).message },
      });
    }
  }
  return response;
}
