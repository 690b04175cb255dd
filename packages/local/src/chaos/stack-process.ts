import { serviceNames } from "@recap/shared";
import { stopOnSignal } from "../commands/stop-on-signal.ts";
import { type LocalStackOptions, startLocalStack } from "../stack.ts";

/**
 * The whole local stack (emulators, local Bedrock, every worker) in a process of its own, so a chaos run can
 * SIGKILL all of it at once and start it again on the same state directory. Options arrive as JSON in argv;
 * over IPC it answers `ready` once up, and `kill` requests by SIGKILLing one random instance of a service.
 * Its workers' logs go to stdout, one line each.
 */
type Request = { kill: (typeof serviceNames)[number] };

const options = JSON.parse(process.argv[2] ?? "{}") as LocalStackOptions;
const stack = await startLocalStack({
  ...options,
  log: (service, line) => process.stdout.write(`${service} ${line}\n`),
});
stopOnSignal(() => stack.stop());
process.on("message", (request: Request) => {
  if (!serviceNames.includes(request.kill)) return;
  const index = stack.workers.kill(request.kill, "SIGKILL");
  process.send?.({ killed: request.kill, index });
});
process.send?.({ ready: stack.endpoints });
