import { S3Client } from "@aws-sdk/client-s3";
import { startBedrockLocal } from "@recap/bedrock-local/server";
import type { Command } from "commander";
import { startLoopbackFauxqs } from "../loopback-fauxqs.ts";
import { type ModelFlags, modelBackendFrom, withModelOptions } from "../model-options.ts";
import { printJson, wholeNumber } from "./options.ts";
import { stopOnSignal } from "./stop-on-signal.ts";

export function registerBedrockLocal(program: Command): void {
  withModelOptions(
    program
      .command("bedrock-local")
      .description("run only the local Bedrock (batch control plane and runtime) on 127.0.0.1")
      .option("--port <n>", "its port", wholeNumber(0), 4567)
      .option(
        "--s3-endpoint <url>",
        "the S3 its jobs read and write (default: an in-memory S3 it starts on loopback)",
      )
      .option("--json", "print where it listens as JSON"),
  ).action(bedrockLocal);
}

async function bedrockLocal(
  values: ModelFlags & { port: number; s3Endpoint?: string; json?: boolean },
): Promise<void> {
  const ownS3 = values.s3Endpoint ? undefined : await startLoopbackFauxqs({ port: 0 });
  const s3Endpoint = values.s3Endpoint ?? `http://127.0.0.1:${ownS3?.port}`;
  const s3 = new S3Client({
    region: "us-east-1",
    endpoint: s3Endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const bedrock = await startBedrockLocal({
    port: values.port,
    s3,
    backend: modelBackendFrom(values),
    timing: { scale: values.timeScale },
  });
  stopOnSignal(async () => {
    await bedrock.stop();
    s3.destroy();
    await ownS3?.stop();
  });
  if (values.json) return printJson({ endpoint: bedrock.endpoint, s3Endpoint, model: bedrock.backend });
  console.log(`Local Bedrock on ${bedrock.endpoint} (model: ${bedrock.backend}), S3 at ${s3Endpoint}.
Point @aws-sdk/client-bedrock at it with { endpoint }; client-bedrock-runtime also needs an HTTP/1.1 handler.`);
}
