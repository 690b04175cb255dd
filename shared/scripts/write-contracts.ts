// `npm run contracts`: writes the AsyncAPI document and one JSON Schema per event from the zod schemas, into
// shared/contracts/ (checked in; a test fails when they are out of date). Old files are removed first.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CONTRACTS_DIR, contractFiles } from "../src/contracts/contract-files.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = path.join(root, CONTRACTS_DIR);
await rm(dir, { recursive: true, force: true });
const files = contractFiles();
for (const [name, text] of Object.entries(files)) {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), text);
}
console.log(`wrote ${Object.keys(files).length} files to ${CONTRACTS_DIR}/`);
