import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
  ValidationException,
} from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createInput, createJob, type Harness, putJsonl, records, startHarness } from "./harness.ts";

let h: Harness;
let dataDir: string;
let inputUri: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "bedrock-tags-"));
  // Jobs stay Submitted for a minute: tagging works on any job, and the test needs no job to finish.
  h = await startHarness({ dataDir, timing: { scale: 1, submittedMs: 60_000 } });
  inputUri = await putJsonl(h.s3, "shards/tags/input.jsonl", records(100));
});
afterAll(async () => {
  await h?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const tagsOf = async (resourceARN: string) =>
  (await h.client.send(new ListTagsForResourceCommand({ resourceARN }))).tags;

describe("TagResource, UntagResource and ListTagsForResource on batch jobs", () => {
  test("tags given at create are listed; tagging adds and replaces, untagging removes; a restart keeps them", async () => {
    const jobArn = await createJob(
      h,
      createInput("tagged", inputUri, {
        tags: [
          { key: "team", value: "calls" },
          { key: "stage", value: "dev" },
        ],
      }),
    );
    expect(await tagsOf(jobArn)).toEqual([
      { key: "team", value: "calls" },
      { key: "stage", value: "dev" },
    ]);

    await h.client.send(
      new TagResourceCommand({
        resourceARN: jobArn,
        tags: [
          { key: "stage", value: "prod" },
          { key: "cost-centre", value: "4711" },
        ],
      }),
    );
    await h.client.send(new UntagResourceCommand({ resourceARN: jobArn, tagKeys: ["team", "never-set"] }));
    const expected = [
      { key: "stage", value: "prod" },
      { key: "cost-centre", value: "4711" },
    ];
    expect(await tagsOf(jobArn)).toEqual(expected);

    await h.restart({ dataDir, timing: { scale: 1, submittedMs: 60_000 } });
    expect(await tagsOf(jobArn)).toEqual(expected);
  });

  test("an ARN that names no job is ResourceNotFoundException, for each of the three", async () => {
    const resourceARN = "arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/zzzzzzzzzzzz";
    for (const command of [
      new ListTagsForResourceCommand({ resourceARN }),
      new TagResourceCommand({ resourceARN, tags: [{ key: "a", value: "b" }] }),
      new UntagResourceCommand({ resourceARN, tagKeys: ["a"] }),
    ]) {
      // biome-ignore lint/suspicious/noExplicitAny: three command types through one client
      await expect(h.client.send(command as any)).rejects.toBeInstanceOf(ResourceNotFoundException);
    }
  });

  test("a job's ARN in another account is not this account's job", async () => {
    const jobArn = await createJob(h, createInput("tagged-elsewhere", inputUri));
    const elsewhere = jobArn.replace(":000000000000:", ":111111111111:");
    await expect(
      h.client.send(new ListTagsForResourceCommand({ resourceARN: elsewhere })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test("the model's limits: a tag key over 128 characters, an ARN under 20, more than 200 tags on a job", async () => {
    const jobArn = await createJob(h, createInput("tag-limits", inputUri));
    const longKey = await h.client
      .send(new TagResourceCommand({ resourceARN: jobArn, tags: [{ key: "k".repeat(129), value: "v" }] }))
      .catch((e: Error) => e);
    expect(longKey).toBeInstanceOf(ValidationException);
    expect((longKey as Error).message).toContain(
      "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
    );

    const shortArn = await h.client
      .send(new ListTagsForResourceCommand({ resourceARN: "arn:short" }))
      .catch((e: Error) => e);
    expect(shortArn).toBeInstanceOf(ValidationException);
    expect((shortArn as Error).message).toContain("Member must have length greater than or equal to 20");

    const tags = (from: number) =>
      Array.from({ length: 150 }, (_, i) => ({ key: `k${from + i}`, value: "v" }));
    await h.client.send(new TagResourceCommand({ resourceARN: jobArn, tags: tags(0) }));
    const tooMany = await h.client
      .send(new TagResourceCommand({ resourceARN: jobArn, tags: tags(150) }))
      .catch((e: Error) => e);
    expect(tooMany).toBeInstanceOf(TooManyTagsException);
    expect((tooMany as TooManyTagsException).resourceName).toBe(jobArn);
    expect(await tagsOf(jobArn)).toHaveLength(150);
  });
});
