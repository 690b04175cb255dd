import { BEDROCK_LOCAL_USAGE, bedrockLocal } from "./commands/bedrock-local.ts";
import { DEV_USAGE, dev } from "./commands/dev.ts";

const USAGE = `Usage: recap <command> [options]

Commands:
${DEV_USAGE}

${BEDROCK_LOCAL_USAGE}
`;

const [command, ...args] = process.argv.slice(2);
try {
  if (command === "dev") await dev(args);
  else if (command === "bedrock-local") await bedrockLocal(args);
  else {
    process.stdout.write(USAGE);
    process.exit(command === "--help" || command === "-h" ? 0 : 2);
  }
} catch (error) {
  console.error(`recap ${command}: ${(error as Error).message}`);
  process.exit(1);
}
