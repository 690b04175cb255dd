import { readFileSync } from "node:fs";
import { serviceNames } from "@recap/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOf, functionOf, linkPropertiesOf, ofType, TYPES } from "./graph.ts";
import { type Evaluation, registeredResources } from "./sst-evaluation/registered-resources.ts";

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

let evaluation: Evaluation;
beforeAll(async () => {
  evaluation = await registeredResources("dev");
}, 180_000);

const links = () => ofType(evaluation, TYPES.linkable).map((link) => link.name);

describe("sst-env.d.ts", () => {
  it("augments the sst module's Resource interface", () => {
    expect(SOURCE).toMatch(/^import "sst"$/m);
    expect(declared(SOURCE).size).toBeGreaterThan(0);
  });

  it("declares exactly the links the infra creates", () => {
    expect([...declared(SOURCE).keys()].sort()).toEqual(links().sort());
  });

  it("gives each link exactly its properties, as strings, typed as SST types it for the functions", () => {
    const types = declared(SOURCE);
    // The type SST's build hands each function with a link's properties (read from the link's URN).
    const built = serviceNames.flatMap((service) =>
      Object.values(buildOf(evaluation, functionOf(evaluation, service)).links),
    );
    expect([...new Set(built.map((properties) => properties.type))]).toEqual(["sst.sst.Linkable"]);
    for (const link of links()) {
      const properties = Object.keys(linkPropertiesOf(evaluation, link));
      const expected = Object.fromEntries(
        [...properties.map((key) => [key, "string"]), ["type", '"sst.sst.Linkable"']].sort(([a], [b]) =>
          String(a).localeCompare(String(b)),
        ),
      );
      expect(types.get(link), link).toEqual(expected);
    }
  });
});
