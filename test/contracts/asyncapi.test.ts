import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Parser } from "@asyncapi/parser";
import { catalogue, createEvent, summaryReady } from "@recap/shared";
import { CONTRACTS_DIR, contractFiles } from "@recap/shared/contracts/contract-files";
import { describe, expect, test } from "vitest";

const dir = path.join(import.meta.dirname, "../..", CONTRACTS_DIR);

describe("the contract for consumers in any language", () => {
  test("shared/contracts is what `npm run contracts` writes from the zod schemas today", async () => {
    const expected = contractFiles();
    const present = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
    expect(present, "run `npm run contracts`").toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected))
      expect(await readFile(path.join(dir, name), "utf8"), `${name}: run \`npm run contracts\``).toBe(text);
  });

  test("the AsyncAPI document is valid AsyncAPI 3.0, with a message for every event", async () => {
    const { document, diagnostics } = await new Parser().parse(
      await readFile(path.join(dir, "asyncapi.json"), "utf8"),
    );
    // Severity 0 is an error; warnings (style hints) do not make a document invalid.
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    expect(document?.version()).toBe("3.0.0");
    const names =
      document
        ?.allMessages()
        .all()
        .map((m) => m.name()) ?? [];
    expect(names.sort()).toEqual(Object.keys(catalogue).sort());
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual(["Pipeline", "Summaries", "Transcripts"]);
  });

  test("a real summary.ready fits its JSON Schema's required fields and types", async () => {
    const schema = JSON.parse(await readFile(path.join(dir, "schemas/summary.ready.json"), "utf8"));
    const event = createEvent(summaryReady, {
      producer: "test",
      correlationId: "call-1",
      data: {
        transcriptId: "call-1",
        version: "0123456789abcdef",
        profile: "default",
        summaryUri: "s3://bucket/summaries/call-1/0123456789abcdef/default.json",
        promptVersion: "call-summary@1",
        modelId: "anthropic.claude-3-haiku-20240307-v1:0",
        shardId: "b-1",
        jobArn: "arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/abc",
        recordId: "ABCDEFGHIJK",
        attempt: 1,
        usage: { inputTokens: 10, outputTokens: 5 },
        costUsd: 0.001,
        metadata: {},
      },
    });
    expect(schema.required.sort()).toEqual(Object.keys(event).sort());
    expect(schema.properties.data.required.every((key: string) => key in event.data)).toBe(true);
    expect(schema.properties.type.const).toBe("summary.ready");
  });
});
