import {
  CreateModelInvocationJobCommand,
  type CreateModelInvocationJobCommandInput,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  type ListModelInvocationJobsCommandInput,
  ResourceNotFoundException,
  StopModelInvocationJobCommand,
  ValidationException,
} from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BUCKET, createInput, type Harness, putJsonl, records, startHarness } from "./harness.ts";

// Each request below breaks one constraint of Bedrock's service model (botocore's bedrock/2023-04-20
// service-2.json); Bedrock refuses it with a 400 ValidationException naming the member, and so must the
// emulator. Before this suite, the first four were answered 200 or 404.

let h: Harness;
let inputUri: string;
beforeAll(async () => {
  h = await startHarness();
  inputUri = await putJsonl(h.s3, "shards/strict/input.jsonl", records(100));
});
afterAll(() => h?.stop());

const refusal = (promise: Promise<unknown>) =>
  promise.then(() => undefined).catch((e: unknown) => e as Error);

describe("ListModelInvocationJobs checks its query as the service model says", () => {
  test.each([
    [
      "statusEquals outside its enum",
      { statusEquals: "Bogus" },
      "Value 'Bogus' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [Submitted, InProgress, Completed, Failed, Stopping, Stopped, PartiallyCompleted, Expired, Validating, Scheduled]",
    ],
    [
      "sortOrder misspelt",
      { sortOrder: "decending" },
      "Value 'decending' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]",
    ],
    [
      "sortBy outside its enum",
      { sortBy: "Name" },
      "Value 'Name' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [CreationTime]",
    ],
    [
      "maxResults above 1000",
      { maxResults: 1001 },
      "Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    ],
    [
      "maxResults of 0",
      { maxResults: 0 },
      "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      "nameContains outside the job-name pattern",
      { nameContains: "has space" },
      "Value 'has space' at 'nameContains' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}",
    ],
  ] as const)("%s", async (_what, query, message) => {
    const error = await refusal(
      h.client.send(
        new ListModelInvocationJobsCommand(query as unknown as ListModelInvocationJobsCommandInput),
      ),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error?.message).toContain(message);
    expect(error?.message).toMatch(/^1 validation error detected: /);
  });

  test("two broken members are both named, counted", async () => {
    const error = await refusal(
      h.client.send(
        new ListModelInvocationJobsCommand({
          statusEquals: "Bogus",
          sortOrder: "decending",
        } as unknown as ListModelInvocationJobsCommandInput),
      ),
    );
    expect(error?.message).toMatch(
      /^2 validation errors detected: Value 'Bogus' at 'statusEquals'.*; Value 'decending' at 'sortOrder'/,
    );
  });

  test("valid enum values are still served", async () => {
    const page = await h.client.send(
      new ListModelInvocationJobsCommand({
        statusEquals: "Completed",
        sortOrder: "Descending",
        sortBy: "CreationTime",
      }),
    );
    expect(page.invocationJobSummaries).toEqual([]);
  });
});

describe("a job identifier outside its pattern is a ValidationException, not a 404", () => {
  const pattern = "Member must satisfy regular expression pattern: ((arn:aws(-[^:]+)?:bedrock:";
  test("GetModelInvocationJob of 'testjob'", async () => {
    const error = await refusal(
      h.client.send(new GetModelInvocationJobCommand({ jobIdentifier: "testjob" })),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error?.message).toContain(
      `Value 'testjob' at 'jobIdentifier' failed to satisfy constraint: ${pattern}`,
    );
  });
  test("StopModelInvocationJob of 'testjob'", async () => {
    const error = await refusal(
      h.client.send(new StopModelInvocationJobCommand({ jobIdentifier: "testjob" })),
    );
    expect(error).toBeInstanceOf(ValidationException);
  });
  test("an identifier of the right form that names no job is still ResourceNotFoundException", async () => {
    const error = await refusal(
      h.client.send(new GetModelInvocationJobCommand({ jobIdentifier: "abcdefghijkl" })),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("CreateModelInvocationJob checks every member as the service model says", () => {
  test.each([
    [
      "a clientRequestToken with characters outside its pattern",
      { clientRequestToken: "recap:dev/shard_1" },
      "Value 'recap:dev/shard_1' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}",
    ],
    [
      "a clientRequestToken ending in a dash",
      { clientRequestToken: "token-" },
      "Value 'token-' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      "an input S3 URI with an upper-case bucket",
      { inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://Batch-Contract/in.jsonl" } } },
      "Value 's3://Batch-Contract/in.jsonl' at 'inputDataConfig.s3InputDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: s3://",
    ],
    [
      "an output S3 URI with a character S3 keys may hold but Bedrock refuses",
      { outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${BUCKET}/out=put/` } } },
      `Value 's3://${BUCKET}/out=put/' at 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint`,
    ],
    [
      "an input format outside its enum",
      { inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://${BUCKET}/x.jsonl`, s3InputFormat: "CSV" } } },
      "Value 'CSV' at 'inputDataConfig.s3InputDataConfig.s3InputFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSONL]",
    ],
    [
      "a modelInvocationType outside its enum",
      { modelInvocationType: "Chat" },
      "Value 'Chat' at 'modelInvocationType' failed to satisfy constraint: Member must satisfy enum value set: [InvokeModel, Converse]",
    ],
    [
      "a tag value with a character outside its pattern",
      { tags: [{ key: "team", value: "calls!" }] },
      "Value 'calls!' at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      "a bucket owner that is not a 12-digit account",
      {
        outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${BUCKET}/outputs/`, s3BucketOwner: "123" } },
      },
      "Value '123' at 'outputDataConfig.s3OutputDataConfig.s3BucketOwner' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]{12}",
    ],
    [
      "a VPC config with no subnets",
      { vpcConfig: { subnetIds: [], securityGroupIds: ["sg-1"] } },
      "at 'vpcConfig.subnetIds' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
  ] as const)("%s", async (_what, overrides, message) => {
    const input = createInput(`strict-${Math.random().toString(36).slice(2, 8)}`, inputUri, {
      ...(overrides as Partial<CreateModelInvocationJobCommandInput>),
    });
    const error = await refusal(h.client.send(new CreateModelInvocationJobCommand(input)));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error?.message).toMatch(/^1 validation error detected: /);
    expect(error?.message).toContain(message);
  });

  test("a request missing a required member names it as null", async () => {
    const { roleArn: _omitted, ...input } = createInput("strict-no-role", inputUri);
    const error = await refusal(
      h.client.send(new CreateModelInvocationJobCommand(input as CreateModelInvocationJobCommandInput)),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error?.message).toBe(
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  });
});
