// Publish one call and wait for its summary, with @recap/client. Against the local stack (`npx recap dev`):
//   node packages/client/examples/summarize-one-call.ts .recap/endpoints.json
// On AWS, build the clients without `endpoint` and `credentials`, and take the topic ARNs and the bucket
// from `sst deploy`'s outputs. This file is run by test/e2e/client.e2e.test.ts.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { publishTranscript, type SummaryReady, subscribeToSummaries } from "@recap/client";

interface Stack {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  bucket: string;
  topics: Record<string, string>;
}

export async function summarizeOneCall(stack: Stack): Promise<SummaryReady> {
  const config = { region: stack.region, endpoint: stack.endpoint, credentials: stack.credentials };
  const sns = new SNSClient(config);
  const sqs = new SQSClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const transcriptId = `example-${Date.now()}`;
  try {
    // Subscribe first, filtered to the one call center this call comes from.
    let received: (event: SummaryReady) => void = () => {};
    const summary = new Promise<SummaryReady>((resolve) => {
      received = resolve;
    });
    const subscription = await subscribeToSummaries({
      sns,
      sqs,
      topicArn: stack.topics.Summaries ?? "",
      filter: { callCenter: ["example-center"] },
      onSummary: (event) => {
        if (event.data.transcriptId === transcriptId) received(event);
      },
    });
    await publishTranscript(
      { sns, topicArn: stack.topics.Transcripts ?? "", store: { s3, bucket: stack.bucket } },
      {
        transcriptId,
        content: [
          "Agent: Thanks for calling, this is Dana. How can I help?",
          "Customer: I was charged twice for my order last week.",
          "Agent: I see both charges. I've refunded the duplicate; it will show in three to five days.",
          "Customer: Great, thank you.",
        ].join("\n"),
        metadata: { callCenter: "example-center" },
      },
    );
    const event = await summary;
    await subscription.close();
    return event;
  } finally {
    for (const client of [sns, sqs, s3]) client.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const stack = JSON.parse(await readFile(process.argv[2] ?? ".recap/endpoints.json", "utf8")) as Stack;
  const event = await summarizeOneCall(stack);
  console.log(JSON.stringify(event.data.summary, null, 2));
}
