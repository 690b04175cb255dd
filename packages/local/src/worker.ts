/**
 * One service's worker process: the same handler Lambda runs, fed by a long-poll loop. Started by the
 * local stack with exactly the environment that service's Lambda would have (its links, no others).
 *
 *   node packages/local/src/worker.ts <service>
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createSqsClient, type ServiceName, serviceNames, services } from "@recap/shared";
import { type LambdaSqsHandler, pollQueue } from "./poller.ts";
import { repoRoot } from "./repo-root.ts";

const service = process.argv[2] as ServiceName;
if (!serviceNames.includes(service)) throw new Error(`unknown service "${process.argv[2]}"`);
const spec = services[service];
const queueUrl = requiredEnv("RECAP_QUEUE_URL");
const queueArn = requiredEnv("RECAP_QUEUE_ARN");

const handler = await loadHandler(spec.handler);
const stop = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop.abort());
// If the stack itself dies, do not linger as an orphan.
process.on("disconnect", () => stop.abort());
process.send?.({ ready: service });

await pollQueue({
  sqs: createSqsClient(),
  queueUrl,
  queueArn,
  region: requiredEnv("AWS_REGION"),
  functionName: service,
  batchSize: spec.batchSize,
  timeoutSeconds: spec.timeoutSeconds,
  handler,
  signal: stop.signal,
});
process.exit(0);

/** `services/x/src/handler.handler` → the `handler` export of `services/x/src/handler.ts`. */
async function loadHandler(handlerPath: string): Promise<LambdaSqsHandler> {
  const dot = handlerPath.lastIndexOf(".");
  const file = path.join(repoRoot, `${handlerPath.slice(0, dot)}.ts`);
  const loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const exported = loaded[handlerPath.slice(dot + 1)];
  if (typeof exported !== "function") throw new Error(`${handlerPath} does not export a handler function`);
  return exported as LambdaSqsHandler;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; workers are started by the local stack`);
  return value;
}
