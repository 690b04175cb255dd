import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { PublishBatchCommand, SNSClient } from "@aws-sdk/client-sns";
import { readEndpoints } from "../endpoints.ts";

export const PUBLISH_USAGE = `  publish  Publish transcript.submitted events, one JSON per line (as \`recap generate\` writes them),
           to the running local stack's Transcripts topic, exactly as written.
           recap publish .recap/calls/events.jsonl [--dir .recap]`;

/** SNS PublishBatch takes ten entries at most. */
const BATCH = 10;

export async function publish(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { dir: { type: "string", default: ".recap" } },
  });
  const [file] = positionals;
  if (!file) throw new Error("name the events file, e.g. recap publish .recap/calls/events.jsonl");
  const local = await readEndpoints(values.dir);
  const topicArn = local.topics.Transcripts;
  if (!topicArn)
    throw new Error(`no Transcripts topic in ${values.dir}/endpoints.json: is \`recap dev\` running?`);
  const sns = new SNSClient({
    region: local.region,
    endpoint: local.endpoint,
    credentials: local.credentials,
  });
  let batch: string[] = [];
  let published = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: batch.map((message, i) => ({ Id: String(i), Message: message })),
      }),
    );
    if (result.Failed?.length)
      throw new Error(`SNS refused ${result.Failed.length} events: ${result.Failed[0]?.Message}`);
    published += batch.length;
    batch = [];
  };
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line.trim() === "") continue;
    batch.push(line);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  sns.destroy();
  console.log(`published ${published} events to ${topicArn}`);
}
