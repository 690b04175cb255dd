import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { argsOf } from "./graph.ts";
import { buildInfra, type Recording } from "./stand-in.ts";

/**
 * The checked-in sst-env.d.ts types `Resource.<Name>` for code outside Lambda (tests, the local stack)
 * and is what `sst deploy` would write. It must declare exactly the links the infra creates, each with
 * exactly the properties it carries, or a rename in the topology would type-check against stale names.
 */

const SOURCE = readFileSync(new URL("../../sst-env.d.ts", import.meta.url), "utf8");

/** Parses SST's generated layout: `"Name": {` then one `"key": type` line per property. */
function declared(source: string): Map<string, Record<string, string>> {
  const body = /declare module "sst" \{\s*export interface Resource \{([\s\S]*)\n {2}\}\n\}/.exec(
    source,
  )?.[1];
  if (body === undefined)
    throw new Error('sst-env.d.ts has no `declare module "sst" { interface Resource }`');
  const resources = new Map<string, Record<string, string>>();
  for (const match of body.matchAll(/^ {4}"([^"]+)": \{\n((?: {6}.*\n)*?) {4}\}/gm)) {
    const properties = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/^ {6}"([^"]+)": (.+)$/gm)].map((p) => [p[1], p[2]]),
    );
    resources.set(match[1] as string, properties);
  }
  return resources;
}

let recording: Recording;
beforeAll(async () => {
  recording = (await buildInfra()).recording;
});

describe("sst-env.d.ts", () => {
  it("augments the sst module's Resource interface", () => {
    expect(SOURCE).toMatch(/^import "sst"$/m);
    expect(declared(SOURCE).size).toBeGreaterThan(0);
  });

  it("declares exactly the links the infra creates", () => {
    const links = recording.ofType("sst.Linkable").map((link) => link.name);
    expect([...declared(SOURCE).keys()].sort()).toEqual(links.sort());
  });

  it("gives each link exactly its properties, as strings, typed sst.sst.Linkable", () => {
    const types = declared(SOURCE);
    for (const link of recording.ofType("sst.Linkable")) {
      const properties = Object.keys(argsOf(link).properties as object);
      const expected = Object.fromEntries(
        [...properties.map((key) => [key, "string"]), ["type", '"sst.sst.Linkable"']].sort(([a], [b]) =>
          String(a).localeCompare(String(b)),
        ),
      );
      expect(types.get(link.name), link.name).toEqual(expected);
    }
  });
});
