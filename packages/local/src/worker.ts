/**
 * One Lambda instance of a service: the same handler Lambda runs, fed by the event source's poll loop.
 * Started by the local stack with exactly the environment that service's Lambda would have (its links, no
 * others) plus its event source mapping; a service runs as many of these as its concurrency.
 *
 *   node packages/local/src/worker.ts <service> [--bundle <code root>]
 *
 * With --bundle (`recap dev --bundled`) the handler comes from the service's esbuild bundle, found in
 * that code root as Lambda finds it in /var/task; without, from the TypeScript source.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type ServiceName, serviceNames, services } from "@recap/shared";
import { createSqsClient } from "@recap/shared/runtime";
import { loadLambdaHandler } from "./bundle/lambda-handler.ts";
import { EVENT_SOURCE_ENV, eventSourceSchema } from "./event-source.ts";
import { HandlerTimeoutError, type LambdaSqsHandler, pollQueue } from "./poller.ts";
import { repoRoot } from "./repo-root.ts";

const service = process.argv[2] as ServiceName;
if (!serviceNames.includes(service)) throw new Error(`unknown service "${process.argv[2]}"`);
const source = eventSourceSchema.parse(JSON.parse(requiredEnv(EVENT_SOURCE_ENV)));

const bundleFlag = process.argv.indexOf("--bundle", 3);
const taskRoot = bundleFlag > 0 ? process.argv[bundleFlag + 1] : undefined;
const handler = taskRoot
  ? ((await loadLambdaHandler(taskRoot, services[service].handler)) as LambdaSqsHandler)
  : await loadHandler(services[service].handler);
const stop = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop.abort());
// If the stack itself dies, do not linger as an orphan.
process.on("disconnect", () => stop.abort());
process.send?.({ ready: service });

try {
  await pollQueue({
    sqs: createSqsClient(),
    ...source,
    region: requiredEnv("AWS_REGION"),
    functionName: service,
    handler,
    signal: stop.signal,
  });
} catch (error) {
  if (!(error instanceof HandlerTimeoutError)) throw error;
  // Lambda abandons a timed-out invocation with its instance: exit now, the handler still running, and
  // let the batch reappear after its visibility timeout. The pool starts a fresh instance.
  console.error(`${error.message}; exiting as Lambda abandons a timed-out instance`);
  process.exit(1);
}
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
