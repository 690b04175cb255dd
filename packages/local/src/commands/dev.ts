import path from "node:path";
import type { Command } from "commander";
import { readConfigOverrides } from "../config-overrides.ts";
import { lambdaLimitsText } from "../lambda-limits/limits-text.ts";
import { formatLogLine } from "../log-line.ts";
import { type ModelFlags, modelBackendFrom, withModelOptions } from "../model-options.ts";
import { startLocalStack } from "../stack.ts";
import { httpUrl, printJson, wholeNumber } from "./options.ts";
import { stopOnSignal } from "./stop-on-signal.ts";

export function registerDev(program: Command): void {
  withModelOptions(
    program
      .command("dev")
      .description(
        "run the whole pipeline on this machine: emulators on 127.0.0.1, the five services as workers; Ctrl-C stops it, state is kept",
      )
      .option("--port <n>", "SQS/SNS/S3 emulator port (0 picks a free one)", wholeNumber(0), 4566)
      .option("--bedrock-port <n>", "local Bedrock port", wholeNumber(0), 4567)
      .option("--dynamodb-port <n>", "local DynamoDB port", wholeNumber(0), 4568)
      .option(
        "--index-lag-ms <n>",
        "how long a DynamoDB write takes to reach the table's global secondary indexes, as on AWS; 0 for none",
        wholeNumber(0),
        1000,
      )
      .option("--service-quotas-port <n>", "local Service Quotas port", wholeNumber(0), 4569)
      .option(
        "--service-quotas-endpoint <url>",
        "a Service Quotas endpoint every service reads instead of the local one (an account's own quotas, or a test's); the local Bedrock still enforces the configuration's",
        httpUrl,
      )
      .option(
        "--concurrency <n>",
        "instances of every service (default: each service's own, from the topology)",
        wholeNumber(1),
      )
      .option(
        "--config <file>",
        'JSON deep-merged over recap.config.ts\'s local settings, e.g. {"sealing": {"maxWaitSeconds": 10}}; checked before anything starts',
      )
      .option("--dir <path>", "state directory; endpoints.json is written there", ".recap")
      .option(
        "--bundled",
        "run each service from its esbuild bundle, built as SST builds the Lambda's (into <dir>/bundles), not from the TypeScript source",
      )
      .option(
        "--lambda-limits",
        "run each worker within its function's Lambda memory and a CPU share of memoryMb/1769 cores (Linux cgroups v1, as root); where that cannot be done the stack runs unlimited and says why",
      )
      .option("--quiet", "do not print the workers' logs")
      .option(
        "--json",
        "print the endpoints (endpoints.json) as JSON once the stack is up, and no logs",
        false,
      ),
  ).action(dev);
}

export interface DevOptions extends ModelFlags {
  port: number;
  bedrockPort: number;
  dynamodbPort: number;
  indexLagMs: number;
  serviceQuotasPort: number;
  serviceQuotasEndpoint?: string;
  concurrency?: number;
  config?: string;
  dir: string;
  bundled?: boolean;
  lambdaLimits?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** `--service-quotas-endpoint` replaces the local Service Quotas, whose port then does not matter. */
export function serviceQuotasOptions(
  values: Pick<DevOptions, "serviceQuotasPort" | "serviceQuotasEndpoint">,
): { serviceQuotasEndpoint: string } | { serviceQuotasPort: number } {
  return values.serviceQuotasEndpoint
    ? { serviceQuotasEndpoint: values.serviceQuotasEndpoint }
    : { serviceQuotasPort: values.serviceQuotasPort };
}

async function dev(values: DevOptions): Promise<void> {
  const started = Date.now();
  const dir = path.resolve(values.dir);
  const stack = await startLocalStack({
    dir,
    port: values.port,
    bedrockPort: values.bedrockPort,
    dynamodbPort: values.dynamodbPort,
    indexLagMs: values.indexLagMs,
    ...serviceQuotasOptions(values),
    ...(values.concurrency ? { concurrency: values.concurrency } : {}),
    ...(values.config ? { config: await readConfigOverrides(values.config) } : {}),
    ...(values.bundled ? { bundled: true } : {}),
    ...(values.lambdaLimits ? { lambdaLimits: true } : {}),
    bedrockTiming: { scale: values.timeScale },
    bedrockBackend: modelBackendFrom(values),
    log:
      values.quiet || values.json ? () => {} : (service, line) => console.log(formatLogLine(service, line)),
  });
  const { endpoints } = stack;
  stopOnSignal(() => stack.stop());
  if (values.json) return printJson(endpoints);
  console.log(`Recap local stack up in ${((Date.now() - started) / 1000).toFixed(1)} s
  endpoint   ${endpoints.endpoint}  (SQS, SNS held to AWS's limits, S3; region ${endpoints.region}, any credentials)
  bedrock    ${endpoints.bedrockEndpoint}  (batch jobs and runtime; model: ${stack.bedrock.backend})
  dynamodb   ${endpoints.dynamodbEndpoint}  (tables ${Object.values(endpoints.tables).join(", ")}; indexes ${values.indexLagMs} ms behind)
  quotas     ${endpoints.serviceQuotasEndpoint}  (Service Quotas${stack.serviceQuotas ? ": AWS's Bedrock batch quotas, the configuration's applied" : ", as given"})
  publish to ${endpoints.topics.Transcripts}
  outcomes   ${endpoints.topics.Summaries}
  bucket     ${endpoints.bucket}${stack.bundles ? `\n  workers    run from the bundles in ${path.join(dir, "bundles")}` : ""}${endpoints.lambdaLimits ? `\n  limits     ${lambdaLimitsText(endpoints.lambdaLimits)}` : ""}
  details    ${path.join(dir, "endpoints.json")}
Ctrl-C stops it; state is kept in ${dir}.`);
}
