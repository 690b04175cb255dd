#!/usr/bin/env node
// Recap is TypeScript that Node >= 22.18 runs as is (type stripping). `npm start` and `npx recap` run the
// Node 22 this project installs from npm; called from an older Node, the command re-runs itself on that one.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const node = fileURLToPath(new URL("../../../node_modules/node/bin/node", import.meta.url));
  if (!existsSync(node)) {
    console.error(`recap needs Node >= 22.18 (this is ${process.versions.node}); run \`npm install\` first.`);
    process.exit(1);
  }
  const run = spawnSync(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(run.status ?? 1);
}
// fauxqs persists through node:sqlite, which Node 22 flags as experimental on every start: not news to a user.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (!(warning.name === "ExperimentalWarning" && /SQLite/.test(warning.message))) console.warn(warning);
});
await import("../src/cli.ts");
