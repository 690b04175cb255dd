import sharedPackage from "../../package.json" with { type: "json" };
import { asyncApiDocument } from "./asyncapi-document.ts";
import { eventJsonSchemas } from "./event-json-schemas.ts";

/** Where `npm run contracts` writes, relative to the repository root: checked in, for consumers to read. */
export const CONTRACTS_DIR = "shared/contracts";

/** Every contract file, path (under CONTRACTS_DIR) to its exact text. */
export function contractFiles(): Record<string, string> {
  const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string> = { "asyncapi.json": text(asyncApiDocument(sharedPackage.version)) };
  for (const [type, schema] of Object.entries(eventJsonSchemas()))
    files[`schemas/${type}.json`] = text(schema);
  return files;
}
