import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { decodeEventOrTick, serviceNames, services } from "@recap/shared";
import type { FauxqsServer } from "fauxqs";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { startLoopbackFauxqs } from "./loopback-fauxqs.ts";
import { localPlan } from "./plan.ts";
import type { ProvisionedResources, QueueHandle } from "./provision.ts";
import { startTicks } from "./schedules.ts";

const REGION = "us-east-1";
// Four seconds of schedule: a whole number of every local interval (0.5, 1 and 2 s).
const RUN_MS = 4_000;

let fauxqs: FauxqsServer;
let sqs: SQSClient;
const plan = localPlan();
const queues: Record<string, QueueHandle> = {};
beforeAll(async () => {
  fauxqs = await startLoopbackFauxqs({ port: 0 });
  sqs = new SQSClient({
    region: REGION,
    endpoint: `http://127.0.0.1:${fauxqs.port}`,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  for (const queue of plan.queues) {
    const { QueueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: queue.name }));
    queues[queue.name] = { url: QueueUrl, arn: `arn:aws:sqs:${REGION}:000000000000:${queue.name}` };
  }
});
afterAll(async () => {
  vi.useRealTimers();
  sqs?.destroy();
  await fauxqs?.stop();
});

async function depth(url: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

async function drain(url: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return all;
    all.push(...Messages);
  }
}

describe("the local poll schedule", () => {
  test("sends each service with a tick one Scheduled Event per interval into its own queue, and none after stop", async () => {
    // Only the schedule's clock is faked, so the SDK's own timers and the emulator run as usual.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const resources = { bucket: "unused", topics: {}, queues, tables: {} } as ProvisionedResources;
    const stop = startTicks(plan, resources, sqs, REGION);
    vi.advanceTimersByTime(RUN_MS);
    stop();
    vi.advanceTimersByTime(RUN_MS);
    vi.useRealTimers();

    const expected = Object.fromEntries(
      serviceNames.map((service) => {
        const spec = services[service];
        const every = "tick" in spec ? spec.tick.localEverySeconds : 0;
        return [service, every ? RUN_MS / (every * 1000) : 0];
      }),
    );
    // The ticks' sends are not awaited by the schedule: wait until the emulator holds them all.
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    await vi.waitFor(
      async () => {
        let held = 0;
        for (const queue of plan.queues) held += await depth(queues[queue.name]?.url ?? "");
        expect(held).toBe(total);
      },
      { timeout: 10_000, interval: 50 },
    );

    const received: Record<string, number> = {};
    for (const queue of plan.queues) {
      const messages = await drain(queues[queue.name]?.url ?? "");
      received[queue.service] = messages.length;
      for (const message of messages) {
        expect(decodeEventOrTick({ body: message.Body ?? "" }, [])).toMatchObject({ kind: "tick" });
        expect(JSON.parse(message.Body ?? "").resources).toEqual([
          `arn:aws:events:${REGION}:000000000000:rule/${queue.service}-tick`,
        ]);
      }
    }
    expect(received).toEqual(expected);
    expect(expected).toEqual({
      "ingest-normalizer": 0,
      "shard-builder": 4,
      "job-submitter": 8,
      "status-watcher": 2,
      "result-publisher": 0,
    });
  });
});
