import {
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
  loadConfig,
  parkInDeadLetters,
  readAccountQuotas,
  storeBucket,
  tableName,
  topicArn,
} from "@recap/shared";
import type { Context, SQSEvent } from "aws-lambda";
import { enterUnit } from "./enter-unit.ts";
import { configuredGroups, type Group, groupKey } from "./group-key.ts";
import { countMembers } from "./group-state.ts";
import { sealDueShards } from "./seal-group.ts";

const logger = createLogger("shard-builder");
const config = loadConfig();
const db = createDocumentClient();
const s3 = createS3Client();
const quotas = createServiceQuotasClient();
const publish = createPublisher(createSnsClient(), topicArn);
const onPoison = parkInDeadLetters(createSqsClient(), () => deadLetterUrl("shard-builder"));

const deps = () => ({
  db,
  table: tableName("shard-builder"),
  s3,
  bucket: storeBucket(),
  config,
  logger,
  publish,
  quotasOf: async (modelId: string) => {
    const model = config.models[modelId];
    if (!model) throw new Error(`model ${modelId} is not configured`);
    return (await readAccountQuotas(quotas, modelId, model)).quotas;
  },
});

/**
 * Each record enters its unit of work (idempotent, per record, with partial batch failures); then every group
 * the batch touched, or every group on a tick, is checked for a shard that is due. Sealing happens after the
 * batch is safely recorded, and a failure there fails no message: the members are durable, and the next
 * batch or tick resumes the seal.
 */
export async function handler(event: SQSEvent, context?: Context) {
  const touched = new Map<string, Group & { records: number; bytes: number }>();
  const enter = createSqsHandler({
    logger,
    decode: (record) => decodeEventOrTick(record, ["transcript.normalized"]),
    handle: async (input) => {
      const entries =
        input.kind === "tick"
          ? configuredGroups(config).map((group) => ({ group, created: false, bytes: 0 }))
          : [await enterUnit(deps(), input.event)];
      for (const { group, created, bytes } of entries) {
        const totals = touched.get(groupKey(group)) ?? { ...group, records: 0, bytes: 0 };
        if (created) {
          totals.records += 1;
          totals.bytes += bytes;
        }
        touched.set(groupKey(group), totals);
      }
    },
    onPoison,
  });
  const response = await enter(event, context);
  for (const { records, bytes, ...group } of touched.values()) {
    try {
      if (records > 0)
        await countMembers(db, tableName("shard-builder"), groupKey(group), { records, bytes });
      await sealDueShards(deps(), group);
    } catch (error) {
      logger.warn("sealing deferred to the next batch or tick", {
        group: groupKey(group),
        error: { name: (error as Error).name, message: (error as Error).message },
      });
    }
  }
  return response;
}
