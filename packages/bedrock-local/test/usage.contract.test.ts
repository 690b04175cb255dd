import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConverseCommand, InvokeModelCommand, ValidationException } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Usage, usageSchema } from "../src/usage/usage-schema.ts";
import {
  createInput,
  createJob,
  HAIKU,
  type Harness,
  jobIdOf,
  putJsonl,
  readText,
  records,
  startHarness,
  waitForStatus,
} from "./harness.ts";

const NOVA = "amazon.nova-lite-v1:0";
let h: Harness;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "bedrock-usage-"));
  h = await startHarness({ dataDir });
});
afterAll(async () => {
  await h?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const usage = async (): Promise<Usage> =>
  usageSchema.parse(await (await fetch(`${h.bedrock.endpoint}/_recap/usage`)).json());

interface OutLine {
  recordId: string;
  modelOutput?: { usage: { input_tokens: number; output_tokens: number } };
  error?: unknown;
}

describe("GET /_recap/usage: what Bedrock would bill, counted from what the emulator processed", () => {
  test("a batch job with failed records bills only the records with an output; on-demand bills each successful call; a restart keeps it", async () => {
    // A quarter of the records fail, as model errors would: they are in the output with an `error`, unbilled.
    h.bedrock.faults.add({ recordErrorRate: 0.25 });
    const uri = await putJsonl(h.s3, "shards/usage/input.jsonl", records(160));
    const jobArn = await createJob(h, createInput("usage-job", uri, { modelId: `us.${HAIKU}` }));
    const job = await waitForStatus(h, jobArn, ["Completed", "Failed"]);
    h.bedrock.faults.add({ recordErrorRate: 0 });
    expect(job.status).toBe("Completed");
    expect(job.errorRecordCount).toBeGreaterThan(0);
    expect(job.successRecordCount).toBeLessThan(160);

    const lines = (await readText(h.s3, `outputs/${jobIdOf(jobArn)}/input.jsonl.out`))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as OutLine);
    const outputs = lines.filter((line) => line.modelOutput);
    const fromFiles = {
      records: outputs.length,
      inputTokens: outputs.reduce((sum, line) => sum + (line.modelOutput?.usage.input_tokens ?? 0), 0),
      outputTokens: outputs.reduce((sum, line) => sum + (line.modelOutput?.usage.output_tokens ?? 0), 0),
    };
    const manifest = JSON.parse(await readText(h.s3, `outputs/${jobIdOf(jobArn)}/manifest.json.out`));
    expect(fromFiles.records).toBe(job.successRecordCount);
    expect(manifest).toMatchObject({
      inputTokenCount: fromFiles.inputTokens,
      outputTokenCount: fromFiles.outputTokens,
    });

    // On demand: two billed calls on Haiku (one through its inference profile), one on Nova Lite, and two
    // that are not billed: a body that does not fit the model, and a call refused for lack of access.
    const body = (n: number) =>
      JSON.stringify({
        anthropic_version: "bedrock-2023-05-31",
        max_tokens: 300,
        messages: [
          {
            role: "user",
            content: `Summarize this call.\n\n${records(n)[n - 1]?.modelInput.messages[0]?.content[0]?.text}`,
          },
        ],
      });
    const onDemand = { input: 0, output: 0 };
    for (const modelId of [HAIKU, `us.${HAIKU}`]) {
      const response = await h.runtime.send(
        new InvokeModelCommand({ modelId, body: body(3), contentType: "application/json" }),
      );
      const output = JSON.parse(new TextDecoder().decode(response.body));
      onDemand.input += output.usage.input_tokens;
      onDemand.output += output.usage.output_tokens;
    }
    const converse = await h.runtime.send(
      new ConverseCommand({
        modelId: NOVA,
        messages: [{ role: "user", content: [{ text: "Summarize: Agent: hi. Customer: bye." }] }],
      }),
    );
    await expect(
      h.runtime.send(
        new InvokeModelCommand({ modelId: HAIKU, body: JSON.stringify({ prompt: "llama body" }) }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    h.bedrock.faults.add({ refuseOnDemand: 1 });
    await expect(
      h.runtime.send(
        new InvokeModelCommand({ modelId: HAIKU, body: body(4), contentType: "application/json" }),
      ),
    ).rejects.toThrow(/access/);

    const expected: Usage = {
      models: {
        [HAIKU]: {
          batchRecords: fromFiles.records,
          batchInputTokens: fromFiles.inputTokens,
          batchOutputTokens: fromFiles.outputTokens,
          onDemandCalls: 2,
          onDemandInputTokens: onDemand.input,
          onDemandOutputTokens: onDemand.output,
        },
        [NOVA]: {
          batchRecords: 0,
          batchInputTokens: 0,
          batchOutputTokens: 0,
          onDemandCalls: 1,
          onDemandInputTokens: converse.usage?.inputTokens ?? -1,
          onDemandOutputTokens: converse.usage?.outputTokens ?? -1,
        },
      },
      jobs: {
        [jobArn]: {
          modelId: HAIKU,
          records: fromFiles.records,
          inputTokens: fromFiles.inputTokens,
          outputTokens: fromFiles.outputTokens,
        },
      },
    };
    expect(await usage()).toEqual(expected);

    await h.restart({ dataDir });
    expect(await usage()).toEqual(expected);
  });
});
