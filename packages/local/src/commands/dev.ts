import path from "node:path";
import { parseArgs } from "node:util";
import { readConfigOverrides } from "../config-overrides.ts";
import { formatLogLine } from "../log-line.ts";
import { MODEL_OPTIONS, MODEL_USAGE, modelBackendFrom, timeScaleFrom } from "../model-options.ts";
import { startLocalStack } from "../stack.ts";
import { stopOnSignal } from "./stop-on-signal.ts";

export const DEV_USAGE = `  dev      Run the whole pipeline on this machine: emulators on 127.0.0.1, the five services as workers.
           --port <n>          SQS/SNS/S3 emulator port (default 4566; 0 picks a free one)
           --bedrock-port <n>  local Bedrock port (default 4567)
           --dynamodb-port <n> local DynamoDB port (default 4568)
           --concurrency <n>   instances of every service (default: each service's own, from the topology)
           --config <file>     JSON deep-merged over recap.config.ts's local settings, e.g.
                               {"sealing": {"maxWaitSeconds": 10}}; checked before anything starts
           --dir <path>        state directory (default .recap); endpoints.json is written there
           --quiet             do not print the workers' logs
${MODEL_USAGE}`;

export async function dev(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "4566" },
      "bedrock-port": { type: "string", default: "4567" },
      "dynamodb-port": { type: "string", default: "4568" },
      concurrency: { type: "string" },
      config: { type: "string" },
      dir: { type: "string", default: ".recap" },
      quiet: { type: "boolean", default: false },
      ...MODEL_OPTIONS,
    },
  });
  const started = Date.now();
  const dir = path.resolve(values.dir);
  const stack = await startLocalStack({
    dir,
    port: Number(values.port),
    bedrockPort: Number(values["bedrock-port"]),
    dynamodbPort: Number(values["dynamodb-port"]),
    ...(values.concurrency ? { concurrency: concurrencyFrom(values.concurrency) } : {}),
    ...(values.config ? { config: await readConfigOverrides(values.config) } : {}),
    bedrockTiming: { scale: timeScaleFrom(values["time-scale"]) },
    bedrockBackend: modelBackendFrom(values),
    log: values.quiet ? () => {} : (service, line) => console.log(formatLogLine(service, line)),
  });
  const { endpoints } = stack;
  console.log(`Recap local stack up in ${((Date.now() - started) / 1000).toFixed(1)} s
  endpoint   ${endpoints.endpoint}  (SQS, SNS, S3; region ${endpoints.region}, any credentials)
  bedrock    ${endpoints.bedrockEndpoint}  (batch jobs and runtime; model: ${stack.bedrock.backend})
  dynamodb   ${endpoints.dynamodbEndpoint}  (tables ${Object.values(endpoints.tables).join(", ")})
  publish to ${endpoints.topics.Transcripts}
  outcomes   ${endpoints.topics.Summaries}
  bucket     ${endpoints.bucket}
  details    ${path.join(dir, "endpoints.json")}
Ctrl-C stops it; state is kept in ${dir}.`);
  stopOnSignal(() => stack.stop());
}

function concurrencyFrom(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--concurrency must be a whole number >= 1, not ${value}`);
  return n;
}
