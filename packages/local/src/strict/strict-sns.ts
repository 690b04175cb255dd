import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  type ListSubscriptionsByTopicCommandOutput,
  SNSClient,
} from "@aws-sdk/client-sns";
import { type LoopbackFront, readBody, startLoopbackFront } from "./loopback-front.ts";
import {
  errorResponseXml,
  type PublishRequest,
  publishBatchResponseXml,
  publishResponseXml,
  readPublishRequest,
  refusalOf,
  successfulMembersXml,
  undeliverableToRawSqs,
  withoutMembers,
  withSuccessfulMembers,
} from "./sns-limits.ts";

export interface StrictSnsOptions {
  /** The emulator serving SQS, SNS and S3 (fauxqs). */
  target: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Told of each request refused or message dropped, by code and size only (never the message). */
  onStrict?: (line: string) => void;
}

/**
 * SNS as strict as AWS, in front of an emulator that serves SQS, SNS and S3 on one endpoint. SNS Publish and
 * PublishBatch (the SNS client's awsQuery form posted to `/`) are read and held to SNS's limits; everything
 * else (SQS's JSON, S3, SNS's other actions) is passed on untouched, S3 bodies streamed.
 */
export async function startStrictSns(options: StrictSnsOptions): Promise<LoopbackFront> {
  const told = options.onStrict ?? (() => {});
  const clients = new Map<string, SNSClient>();
  const snsIn = (region: string) => {
    const client =
      clients.get(region) ??
      new SNSClient({
        region,
        endpoint: options.target,
        credentials: { accessKeyId: "strict-sns", secretAccessKey: "strict-sns" },
      });
    clients.set(region, client);
    return client;
  };
  const front = await startLoopbackFront({
    target: options.target,
    port: options.port ?? 0,
    rule: async (request, response, passOn) => {
      if (!isSnsQuery(request)) return passOn();
      const body = await readBody(request);
      const form = new URLSearchParams(body.toString("utf8"));
      const publish = readPublishRequest(form);
      if (!publish) return passOn(body);
      const refusal = refusalOf(publish);
      if (refusal) {
        told(`${publish.action} refused: ${refusal.code}`);
        return answer(response, refusal.status, errorResponseXml(refusal, randomUUID()));
      }
      const undeliverable = undeliverableToRawSqs(publish);
      if (undeliverable.length === 0 || !(await everySubscriptionRawSqs(snsIn, publish.topicArn)))
        return passOn(body);
      told(
        `${publish.action}: ${undeliverable.length} message(s) with more than 10 attributes accepted and dropped, as SNS drops them at raw SQS subscriptions`,
      );
      if (publish.action === "Publish")
        return answer(response, 200, publishResponseXml(randomUUID(), randomUUID()));
      const members = successfulMembersXml(
        undeliverable.map((entry) => ({ id: entry.Id ?? "", messageId: randomUUID() })),
      );
      if (undeliverable.length === publish.entries.length)
        return answer(response, 200, publishBatchResponseXml(members, randomUUID()));
      const rest = withoutMembers(form, new Set(undeliverable.map((entry) => entry.member)));
      const emulated = await exchange(options.target, request, Buffer.from(rest.toString(), "utf8"));
      answer(response, emulated.status, withSuccessfulMembers(emulated.body, members));
    },
  });
  return {
    ...front,
    stop: async () => {
      await front.stop();
      for (const client of clients.values()) client.destroy();
    },
  };
}

/** The SNS client's awsQuery form: posted to `/`, no `X-Amz-Target` (SQS's JSON has one; S3 paths name a bucket). */
function isSnsQuery(request: IncomingMessage): boolean {
  return (
    request.method === "POST" &&
    request.headers["x-amz-target"] === undefined &&
    (request.url === "/" || request.url?.startsWith("/?") === true) &&
    (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
  );
}

/** Whether every subscription of the topic is SQS with raw delivery (all of Recap's are): only then is a message SNS would drop there dropped whole. */
async function everySubscriptionRawSqs(
  snsIn: (region: string) => SNSClient,
  topicArn: PublishRequest["topicArn"],
): Promise<boolean> {
  const region = topicArn?.split(":")[3];
  if (!topicArn || !region) return false;
  const sns = snsIn(region);
  const subscriptions: NonNullable<ListSubscriptionsByTopicCommandOutput["Subscriptions"]> = [];
  let NextToken: string | undefined;
  do {
    const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }));
    subscriptions.push(...(page.Subscriptions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  if (subscriptions.length === 0) return false;
  for (const subscription of subscriptions) {
    if (subscription.Protocol !== "sqs") return false;
    const { Attributes } = await sns.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: subscription.SubscriptionArn }),
    );
    if (Attributes?.RawMessageDelivery !== "true") return false;
  }
  return true;
}

function answer(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": randomUUID() });
  response.end(xml);
}

/** The request, with a body of the front's own, sent to the emulator; its answer read whole. */
async function exchange(
  target: string,
  request: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; body: string }> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || ["host", "content-length", "connection", "transfer-encoding"].includes(name))
      continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const reply = await fetch(new URL(request.url ?? "/", target), { method: "POST", headers, body });
  return { status: reply.status, body: await reply.text() };
}
