// Publish a transcript to a running local stack (`npx recap dev`) with nothing but the AWS SDK.
//   node packages/local/examples/publish-transcript.ts call-0001 path/to/call.txt
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";

export async function publishTranscript(endpointsFile: string, transcriptId: string, content: string) {
  const local = JSON.parse(readFileSync(endpointsFile, "utf8"));
  const sns = new SNSClient({
    region: local.region,
    endpoint: local.endpoint,
    credentials: local.credentials,
  });
  const event = {
    id: randomUUID(),
    type: "transcript.submitted",
    version: 1,
    time: new Date().toISOString(),
    producer: "my-contact-center",
    correlationId: transcriptId,
    data: { transcriptId, content, metadata: { callCenter: "lisbon", tenant: "acme" } },
  };
  await sns.send(
    new PublishCommand({
      TopicArn: local.topics.Transcripts,
      Message: JSON.stringify(event),
      MessageAttributes: { type: { DataType: "String", StringValue: "transcript.submitted" } },
    }),
  );
  sns.destroy();
}

if (process.argv[1] === import.meta.filename) {
  const [transcriptId = "call-0001", file] = process.argv.slice(2);
  const content = file
    ? readFileSync(file, "utf8")
    : "Agent: Hello, how can I help?\nCustomer: My bill is wrong.";
  await publishTranscript(".recap/endpoints.json", transcriptId, content);
  console.log(`published ${transcriptId}`);
}
