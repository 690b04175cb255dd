import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deadLetterName, queueName, serviceNames } from "@recap/shared/topology";
import { afterEach, describe, expect, test } from "vitest";
import { resolveTarget } from "./target.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** What packages/infra's outputs() makes SST write to .sst/outputs.json after a deploy to eu-west-1. */
function outputsOf(stage: string): Record<string, string> {
  const queue = (name: string) => `https://sqs.eu-west-1.amazonaws.com/123456789012/recap-${stage}-${name}`;
  return {
    stage,
    bucket: `recap-${stage}-storebucket-abc`,
    batchRole: "arn:aws:iam::123456789012:role/recap-batch",
    TranscriptsTopicArn: `arn:aws:sns:eu-west-1:123456789012:recap-${stage}-Transcripts`,
    PipelineTopicArn: `arn:aws:sns:eu-west-1:123456789012:recap-${stage}-Pipeline`,
    SummariesTopicArn: `arn:aws:sns:eu-west-1:123456789012:recap-${stage}-Summaries`,
    ...Object.fromEntries(serviceNames.map((s) => [queueName(s), queue(queueName(s))])),
    ...Object.fromEntries(serviceNames.map((s) => [deadLetterName(s), queue(deadLetterName(s))])),
    JobSubmitterTable: `recap-${stage}-JobSubmitterTable-xyz`,
  };
}

async function outputsFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "recap-target-"));
  dirs.push(dir);
  const file = path.join(dir, "outputs.json");
  await writeFile(file, JSON.stringify(content));
  return file;
}

describe("resolveTarget --stage", () => {
  test("reads SST's outputs: the region from the topic ARNs, AWS's own endpoints, the stage's job names", async () => {
    const target = await resolveTarget({ stage: "prod", outputs: await outputsFile(outputsOf("prod")) });
    expect(target).toMatchObject({
      label: "stage prod",
      region: "eu-west-1",
      aws: { region: "eu-west-1" },
      bucket: "recap-prod-storebucket-abc",
      jobNamePrefix: "recap-prod-",
      tables: { JobSubmitterTable: "recap-prod-JobSubmitterTable-xyz" },
    });
    expect(target.aws.endpoint).toBeUndefined();
    expect(target.topics.Summaries).toBe("arn:aws:sns:eu-west-1:123456789012:recap-prod-Summaries");
    expect(target.queues["result-publisher"].deadLetters).toMatch(/ResultPublisherDeadLetters$/);
  });

  test("refuses another stage's outputs, naming both stages", async () => {
    const file = await outputsFile(outputsOf("dev"));
    await expect(resolveTarget({ stage: "prod", outputs: file })).rejects.toThrow(
      `${file} holds stage dev's outputs, not prod's`,
    );
  });

  test("refuses outputs that lack a queue, naming it", async () => {
    const { ShardBuilderQueue: _, ...rest } = outputsOf("prod");
    await expect(resolveTarget({ stage: "prod", outputs: await outputsFile(rest) })).rejects.toThrow(
      "does not name shard-builder",
    );
  });
});
