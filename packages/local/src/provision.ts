import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  type SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueNameExists,
  SetQueueAttributesCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { TopicName } from "@recap/shared";
import { putStoreLifecycle } from "./lifecycle/sweep.ts";
import type { LocalPlan } from "./plan.ts";
import { ensureTables } from "./tables.ts";

export interface QueueHandle {
  url: string;
  arn: string;
}

export interface ProvisionedResources {
  bucket: string;
  topics: Record<TopicName, string>;
  queues: Record<string, QueueHandle>;
  /** Table names by SST link name. */
  tables: Record<string, string>;
}

export interface AwsClients {
  s3: S3Client;
  sns: SNSClient;
  sqs: SQSClient;
  dynamodb: DynamoDBClient;
}

/**
 * Creates the plan's bucket, topics, queues, subscriptions and tables through the real AWS SDK. Safe to run on
 * every start: with persistence the resources already exist and are only brought back in line.
 */
export async function provision(
  plan: LocalPlan,
  bucket: string,
  clients: AwsClients,
): Promise<ProvisionedResources> {
  await ensureBucket(clients.s3, bucket);
  // The deployed bucket's lifecycle rules, carried out by the stack on its emulated clock.
  await putStoreLifecycle(clients.s3, bucket);
  const topicArns = {} as Record<TopicName, string>;
  for (const topic of plan.topics) {
    const created = await clients.sns.send(new CreateTopicCommand({ Name: topic }));
    topicArns[topic] = required(created.TopicArn, `topic ${topic}`);
  }
  const queues: Record<string, QueueHandle> = {};
  for (const queue of plan.queues) {
    const deadLetters = await ensureQueue(clients.sqs, queue.deadLetters, {
      MessageRetentionPeriod: String(queue.deadLetterRetentionSeconds),
    });
    const main = await ensureQueue(clients.sqs, queue.name, {
      VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: deadLetters.arn,
        maxReceiveCount: queue.maxReceiveCount,
      }),
    });
    queues[queue.deadLetters] = deadLetters;
    queues[queue.name] = main;
    for (const subscription of queue.subscriptions) {
      await ensureSubscription(clients.sns, topicArns[subscription.topic], main.arn, subscription.filter);
    }
  }
  const tables = await ensureTables(clients.dynamodb, plan.tables);
  return { bucket, topics: topicArns, queues, tables };
}

async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

async function ensureQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<QueueHandle> {
  let url: string;
  try {
    url = required(
      (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl,
      name,
    );
  } catch (error) {
    // A persisted queue from an earlier run whose settings differ: adopt it and apply today's settings.
    if (!(error instanceof QueueNameExists)) throw error;
    url = required((await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl, name);
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
  }
  const read = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  return { url, arn: required(read.Attributes?.QueueArn, `${name} ARN`) };
}

async function ensureSubscription(
  sns: SNSClient,
  topicArn: string,
  queueArn: string,
  filter: { type: readonly string[] } | undefined,
): Promise<void> {
  const existing = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  if (existing.Subscriptions?.some((s) => s.Endpoint === queueArn)) return;
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: "sqs",
      Endpoint: queueArn,
      Attributes: { RawMessageDelivery: "true", ...(filter ? { FilterPolicy: JSON.stringify(filter) } : {}) },
    }),
  );
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the emulator returned no ${what}`);
  return value;
}
