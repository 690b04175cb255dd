import { GENERATE_USAGE, runGenerate } from "@recap/call-generator/write-calls";
import { BEDROCK_LOCAL_USAGE, bedrockLocal } from "./commands/bedrock-local.ts";
import { DEMO_USAGE, demo } from "./commands/demo.ts";
import { DEV_USAGE, dev } from "./commands/dev.ts";
import { PUBLISH_USAGE, publish } from "./commands/publish.ts";

const USAGE = `Usage: recap <command> [options]

Commands:
${DEMO_USAGE}

${DEV_USAGE}

${GENERATE_USAGE}

${PUBLISH_USAGE}

${BEDROCK_LOCAL_USAGE}
`;

const commands: Record<string, (args: string[]) => Promise<void>> = {
  demo,
  dev,
  generate: runGenerate,
  publish,
  "bedrock-local": bedrockLocal,
};

const [command = "", ...args] = process.argv.slice(2);
const run = commands[command];
if (!run) {
  process.stdout.write(USAGE);
  process.exit(command === "--help" || command === "-h" ? 0 : 2);
}
try {
  await run(args);
} catch (error) {
  console.error(`recap ${command}: ${(error as Error).message}`);
  process.exit(1);
}
