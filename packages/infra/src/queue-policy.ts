import { accountId, partition, region } from "./account.ts";

/**
 * SST's topic and bus subscribers each write a queue policy that lets sns, s3 and events.amazonaws.com
 * send to the queue from ANY source, so a topic or rule in another account could inject messages. Every
 * queue policy in the stack is narrowed here to this account's own topics and rules. Side effect: S3
 * event notifications (whose source ARN names no account) cannot reach a queue; Recap uses none.
 *
 * This module must be evaluated before any queue policy is created (queues.ts imports it).
 */
$transform(aws.sqs.QueuePolicy, (args) => {
  args.policy = $util
    .all([args.policy, partition, region, accountId])
    .apply(([policy, p, r, a]) => fromOwnSourcesOnly(policy, ownSourceArns(p, r, a)));
});

export function ownSourceArns(partition: string, region: string, accountId: string): string[] {
  return [
    `arn:${partition}:sns:${region}:${accountId}:*`,
    `arn:${partition}:events:${region}:${accountId}:rule/*`,
  ];
}

interface Statement {
  Effect?: string;
  Principal?: { Service?: string | string[] } | string;
  Condition?: Record<string, Record<string, string | string[]>>;
  [key: string]: unknown;
}

/** Adds an `aws:SourceArn` condition to every statement that grants to an AWS service principal. */
export function fromOwnSourcesOnly(policy: unknown, sourceArns: string[]): string {
  const document = (typeof policy === "string" ? JSON.parse(policy) : policy) as { Statement: Statement[] };
  const statements = document.Statement.map((statement) =>
    typeof statement.Principal === "object" && statement.Principal.Service !== undefined
      ? { ...statement, Condition: { ...statement.Condition, ArnLike: { "aws:SourceArn": sourceArns } } }
      : statement,
  );
  return JSON.stringify({ ...document, Statement: statements });
}
