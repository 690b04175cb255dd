import { readFileSync } from "node:fs";
import { catalogue, catalogueMarkdown, type EventType, schemaFileOf } from "@recap/shared";
import { describe, expect, test } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  test("its event catalogue is the one the code declares", () => {
    const block = /<!-- event-catalogue:start -->\n([\s\S]*?)\n<!-- event-catalogue:end -->/.exec(
      readme,
    )?.[1];
    expect(block, `replace the README's catalogue with:\n${catalogueMarkdown()}`).toBe(catalogueMarkdown());
  });

  test("every schema file the catalogue names exists", () => {
    for (const type of Object.keys(catalogue) as EventType[]) {
      expect(() => readFileSync(new URL(`../${schemaFileOf(type)}`, import.meta.url)), type).not.toThrow();
    }
  });

  test("the SDK example it shows is the file the end-to-end tests run", () => {
    const example = readFileSync(
      new URL("../packages/local/examples/publish-transcript.ts", import.meta.url),
      "utf8",
    );
    expect(readme).toContain(example.trimEnd());
  });

  test("its test command is the one CI runs, and its demo command installs the same way", () => {
    const ci = readFileSync(new URL("../.ci/run", import.meta.url), "utf8")
      .trimEnd()
      .split("\n")
      .at(-1);
    expect(ci).toBe("npm ci && npm test");
    expect(readme).toContain(`${ci}      #`);
    expect(readme).toContain("npm ci && npm start");
  });

  test("the Node it asks for is the one the root package.json accepts", () => {
    const { engines } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    const asked = /Node\.js \((\d+) or newer\)/.exec(readme)?.[1];
    expect(asked).toBeDefined();
    expect(engines.node).toBe(`>=${asked}`);
  });
});

describe("README's format table", () => {
  test("lists exactly the formats ingest-normalizer reads", async () => {
    const { transcriptFormatSchema } = await import("@recap/shared");
    const table = /<!-- formats:start -->\n([\s\S]*?)\n<!-- formats:end -->/.exec(readme)?.[1] ?? "";
    const listed = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(transcriptFormatSchema.options.filter((f) => f !== "auto").sort());
  });
});
