import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { publishInBatches } from "@recap/local/publish-batches";
import { type Envelope, queueName, serviceNames } from "@recap/shared";
import { afterAll, beforeAll, expect, test } from "vitest";
import { listKeys, readText } from "../support/s3-text.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { submittedEvent } from "../support/transcripts.ts";

/**
 * Transcripts full of personal data go through the whole pipeline, batch job included, with broken input
 * and poison on the way; then every line any worker wrote (stdout and stderr, through TestStack's log sink)
 * and everything the test process itself printed (the local Bedrock, fauxqs and dynalite run in it) is
 * searched for that data and for anything shaped like an email, a phone or a card number.
 */
const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const CALLS = 48;

const NAME = "Zebediah Quartermaine";
const EMAIL = "zebediah.quartermaine@example.org";
const PHONE = "(415) 555-0134";
const CARD = "4111 1111 1111 1111";
const PHRASE = "periwinkle submarine";
const SECRETS = [NAME, "Quartermaine", EMAIL, PHONE, "555-0134", CARD, "4111111111111111", PHRASE];

function callWithPii(n: number): string {
  return [
    `Agent: Thank you for calling, this is Priya Ravensworth. Who am I speaking with?`,
    `Customer: This is ${NAME}, order ${n}. My email is ${EMAIL} and my phone is ${PHONE}.`,
    `Agent: Thanks. I can see the ${PHRASE} you ordered. How would you like to pay the difference?`,
    `Customer: Put it on my card, ${CARD}, expiry 04/29.`,
    "Agent: Done. Anything else?",
    "Customer: No, thank you.",
  ].join("\n");
}

const EMAIL_SHAPE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const PHONE_SHAPE =
  /(?:\(\d{3}\)\s?|\b\d{3}[ .-])\d{3}[ .-]\d{4}\b|\+\d{1,3}[ .-]?\d{2,4}[ .-]?\d{3,4}[ .-]?\d{3,4}\b/;
const CARD_CANDIDATES = /\b(?:\d[ -]?){12,18}\d\b/g;

/** A card number is 13 to 19 digits that pass the Luhn check; ids and timestamps seldom do both. */
function looksLikeCard(text: string): string | undefined {
  for (const [candidate] of text.matchAll(CARD_CANDIDATES)) {
    const digits = candidate.replace(/\D/g, "");
    if (digits.length < 13 || digits.length > 19) continue;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  return undefined;
}

const inFormat = (event: ReturnType<typeof submittedEvent>, format: string) => ({
  ...event,
  data: { ...event.data, format },
});

let env: TestStack;
let tap: Tap;
const printed: string[] = [];
const restore: Array<() => void> = [];

beforeAll(async () => {
  // Everything the emulators in this process might print, passed on as well as kept.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = write;
    });
  }
  env = await startTestStack({
    concurrency: 1,
    tickEverySeconds: 1,
    bedrockTiming: { scale: 0 },
    // At a minimum of 1 every shard is a batch job, so the batch path (JSONL, job, harvest) sees the data.
    config: { models: { [MODEL]: { quotas: { minRecordsPerJob: 1 } } }, sealing: { maxWaitSeconds: 1 } },
  });
  tap = await Tap.on(env, [env.stack.endpoints.topics.Summaries ?? ""]);
}, 60_000);
afterAll(async () => {
  for (const undo of restore) undo();
  await env?.stop();
});

test("no worker or emulator logs the personal data of the calls it processes", {
  timeout: 60_000,
}, async () => {
  const ids = Array.from({ length: CALLS }, (_, n) => `pii-${n}`);
  const rejectedIds = ["pii-broken-captions", "pii-wrong-types"];
  const messages = [
    ...ids.map((id, n) => JSON.stringify(submittedEvent(id, callWithPii(n)))),
    // Rejections quote what they could not read: their messages must not reach a log.
    JSON.stringify(
      inFormat(
        submittedEvent(rejectedIds[0] ?? "", `WEBVTT\n\n00:00:09.000 --> 00:00:01.000\n${callWithPii(0)}`),
        "webvtt",
      ),
    ),
    JSON.stringify(
      inFormat(
        submittedEvent(
          rejectedIds[1] ?? "",
          JSON.stringify({ results: { transcripts: [{ transcript: 4111 }] }, note: callWithPii(1) }),
        ),
        "transcribe",
      ),
    ),
    // Not an event at all: parsers' own error messages quote the start of the text.
    `Customer: ${NAME}, ${EMAIL}, ${CARD}`,
  ];
  await publishInBatches(env.sns, env.stack.endpoints.topics.Transcripts ?? "", messages);
  // Poison straight into every later stage's queue: each parks it in its dead-letter queue and logs why.
  for (const service of serviceNames.filter((s) => s !== "ingest-normalizer")) {
    await env.sqs.send(
      new SendMessageCommand({
        QueueUrl: env.stack.resources.queues[queueName(service)]?.url,
        MessageBody: `{"type": "job.finished", "data": "${NAME} ${EMAIL} ${PHONE} ${CARD}"`,
      }),
    );
  }

  const outcomes = new Map<string, Envelope>();
  await tap.until(() => {
    for (const event of tap.events.splice(0)) {
      const id = (event.data as { transcriptId?: string }).transcriptId ?? event.correlationId;
      if (!outcomes.has(id)) outcomes.set(id, event);
    }
    return [...ids, ...rejectedIds].every((id) => outcomes.has(id));
  }, 50_000);

  // The data really went through: every call summarized by a batch job, the broken ones rejected, and the
  // stored transcript still holds what the logs must not.
  for (const id of ids) expect(outcomes.get(id)?.type, id).toBe("summary.ready");
  for (const id of rejectedIds) expect(outcomes.get(id)?.type, id).toBe("transcript.rejected");
  const jobArns = new Set(
    ids.map((id) => (outcomes.get(id)?.data as { jobArn?: string } | undefined)?.jobArn),
  );
  for (const arn of jobArns) expect(arn).toMatch(/:model-invocation-job\//);
  const bucket = `s3://${env.stack.endpoints.bucket}`;
  const [normalized] = await listKeys(env.s3, `${bucket}/normalized/${ids[0]}/`);
  expect(await readText(env.s3, `${bucket}/${normalized}`)).toContain(PHRASE);

  const lines = [...env.logs, ...printed.join("").split("\n")];
  // Every service wrote something, so the search below searched each one's output.
  for (const service of [
    "ingest-normalizer",
    "shard-builder",
    "job-submitter",
    "status-watcher",
    "result-publisher",
  ])
    expect(
      env.logs.some((line) => line.startsWith(`${service} `)),
      `${service} logged nothing`,
    ).toBe(true);
  for (const line of lines) {
    for (const secret of SECRETS) expect(line, `logged: ${secret}`).not.toContain(secret);
    expect(line, "an email address").not.toMatch(EMAIL_SHAPE);
    expect(line, "a phone number").not.toMatch(PHONE_SHAPE);
    expect(looksLikeCard(line), `a card number in: ${line}`).toBeUndefined();
  }
});
