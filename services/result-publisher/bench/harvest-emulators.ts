// S3, SNS, SQS (fauxqs) and DynamoDB (dynalite) for harvest.bench.ts, in a process of their own: they keep
// every object, message and item in memory (the 200 MB output, 50,000 summaries and events), which must not
// be counted against the invocations measured. Prints its endpoints as one JSON line, then serves until SIGTERM.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startLoopbackDynalite } from "@recap/local/loopback-dynalite";
import { startLoopbackFauxqs } from "@recap/local/loopback-fauxqs";
import { ensureTables } from "@recap/local/tables";
import { services } from "@recap/shared";
import { type HarvestEndpoints, REGION } from "./harvest-env.ts";

const BUCKET = "recap-bench-store";

// No data directory and no path: fauxqs and dynalite (memdown) keep everything in this process's memory.
const fauxqs = await startLoopbackFauxqs({ port: 0 });
const dynamo = await startLoopbackDynalite({ port: 0 });
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };
const endpoint = `http://127.0.0.1:${fauxqs.port}`;

const s3 = new S3Client({ region: REGION, credentials, endpoint, forcePathStyle: true });
await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
s3.destroy();

const dynamodb = new DynamoDBClient({ region: REGION, credentials, endpoint: dynamo.endpoint });
const spec = services["result-publisher"].table;
await ensureTables(dynamodb, [spec]);
dynamodb.destroy();

const sns = new SNSClient({ region: REGION, credentials, endpoint });
const sqs = new SQSClient({ region: REGION, credentials, endpoint });
const topicArn = async (Name: string) => (await sns.send(new CreateTopicCommand({ Name }))).TopicArn ?? "";
const queue = async (QueueName: string) => {
  const { QueueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  return { url: QueueUrl, arn: Attributes?.QueueArn ?? "" };
};
const subscribe = (TopicArn: string, queueArn: string, types?: string[]) =>
  sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: "sqs",
      Endpoint: queueArn,
      Attributes: {
        RawMessageDelivery: "true",
        ...(types ? { FilterPolicy: JSON.stringify({ type: types }) } : {}),
      },
    }),
  );
const topics = { Pipeline: await topicArn("Pipeline"), Summaries: await topicArn("Summaries") };
const chunkQueue = await queue("ResultPublisherQueue");
const tapQueue = await queue("HarvestBenchTap");
const deadLetters = await queue("ResultPublisherDeadLetters");
// As the stack subscribes result-publisher's queue: the event types it consumes, from the topology.
await subscribe(topics.Pipeline, chunkQueue.arn, [...services["result-publisher"].consumes]);
await subscribe(topics.Summaries, tapQueue.arn);
await subscribe(topics.Pipeline, tapQueue.arn, ["record.retrying", "job.reported"]);
sns.destroy();
sqs.destroy();

const endpoints: HarvestEndpoints = {
  fauxqs: endpoint,
  dynamodb: dynamo.endpoint,
  bucket: BUCKET,
  table: spec.name,
  topics,
  chunkQueueUrl: chunkQueue.url,
  chunkQueueArn: chunkQueue.arn,
  tapQueueUrl: tapQueue.url,
  deadLetterUrl: deadLetters.url,
};
process.stdout.write(`${JSON.stringify(endpoints)}\n`);
process.on("SIGTERM", () => {
  void Promise.all([fauxqs.stop(), dynamo.stop()]).then(() => process.exit(0));
});
