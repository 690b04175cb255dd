import path from "node:path";
import { parseArgs } from "node:util";
import { formatLogLine } from "./log-line.ts";
import { startLocalStack } from "./stack.ts";

const USAGE = `Usage: recap <command> [options]

Commands:
  dev      Run the whole pipeline on this machine: emulators on 127.0.0.1, the five services as workers.
           --port <n>   emulator port (default 4566; 0 picks a free one)
           --dir <path> state directory (default .recap); endpoints.json is written there
           --quiet      do not print the workers' logs
`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string", default: "4566" },
    dir: { type: "string", default: ".recap" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

const [command] = positionals;
if (values.help || command !== "dev") {
  process.stdout.write(USAGE);
  process.exit(values.help ? 0 : 2);
}

const started = Date.now();
const dir = path.resolve(values.dir);
const stack = await startLocalStack({
  dir,
  port: Number(values.port),
  log: values.quiet ? () => {} : (service, line) => console.log(formatLogLine(service, line)),
});
const { endpoints } = stack;
console.log(`Recap local stack up in ${((Date.now() - started) / 1000).toFixed(1)} s
  endpoint   ${endpoints.endpoint}  (SQS, SNS, S3; region ${endpoints.region}, any credentials)
  publish to ${endpoints.topics.Transcripts}
  outcomes   ${endpoints.topics.Summaries}
  bucket     ${endpoints.bucket}
  details    ${path.join(dir, "endpoints.json")}
Ctrl-C stops it; state is kept in ${dir}.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping workers and emulators…`);
    void stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
