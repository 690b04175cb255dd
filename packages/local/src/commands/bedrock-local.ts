import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { startBedrockLocal } from "@recap/bedrock-local/server";
import { startLoopbackFauxqs } from "../loopback-fauxqs.ts";
import { MODEL_OPTIONS, MODEL_USAGE, modelBackendFrom, timeScaleFrom } from "../model-options.ts";
import { stopOnSignal } from "./stop-on-signal.ts";

export const BEDROCK_LOCAL_USAGE = `  bedrock-local  Run only the local Bedrock (batch control plane + runtime) on 127.0.0.1.
           --port <n>          its port (default 4567)
           --s3-endpoint <url> the S3 its jobs read and write (default: an in-memory S3 it starts on loopback)
${MODEL_USAGE}`;

export async function bedrockLocal(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "4567" },
      "s3-endpoint": { type: "string" },
      ...MODEL_OPTIONS,
    },
  });
  const ownS3 = values["s3-endpoint"] ? undefined : await startLoopbackFauxqs({ port: 0 });
  const s3Endpoint = values["s3-endpoint"] ?? `http://127.0.0.1:${ownS3?.port}`;
  const s3 = new S3Client({
    region: "us-east-1",
    endpoint: s3Endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const bedrock = await startBedrockLocal({
    port: Number(values.port),
    s3,
    backend: modelBackendFrom(values),
    timing: { scale: timeScaleFrom(values["time-scale"]) },
  });
  console.log(`Local Bedrock on ${bedrock.endpoint} (model: ${bedrock.backend}), S3 at ${s3Endpoint}.
Point @aws-sdk/client-bedrock at it with { endpoint }; client-bedrock-runtime also needs an HTTP/1.1 handler.`);
  stopOnSignal(async () => {
    await bedrock.stop();
    s3.destroy();
    await ownS3?.stop();
  });
}
