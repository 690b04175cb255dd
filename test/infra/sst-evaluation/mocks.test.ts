import { describe, expect, it } from "vitest";
import {
  ACCOUNT,
  answerLookup,
  engineUrn,
  LookupNotMockedError,
  type Registration,
  recordingMocks,
  renderPolicyDocument,
} from "./mocks.ts";

describe("renderPolicyDocument", () => {
  it("writes IAM JSON as the AWS provider does: one value bare, principals by type, conditions by operator", () => {
    const json = renderPolicyDocument({
      statements: [
        {
          actions: ["sts:AssumeRole"],
          principals: [
            { type: "Service", identifiers: ["lambda.amazonaws.com"] },
            { type: "AWS", identifiers: [`arn:aws:iam::${ACCOUNT}:root`] },
          ],
        },
        {
          effect: "Deny",
          actions: ["s3:GetObject", "s3:PutObject"],
          resources: ["arn:aws:s3:::b/*"],
          principals: [{ type: "*", identifiers: ["*"] }],
          conditions: [
            { test: "Bool", variable: "aws:SecureTransport", values: ["false"] },
            { test: "StringLike", variable: "s3:prefix", values: ["a/*", "b/*"] },
          ],
        },
      ],
    });
    expect(JSON.parse(json)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { Service: "lambda.amazonaws.com", AWS: `arn:aws:iam::${ACCOUNT}:root` },
        },
        {
          Effect: "Deny",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: "arn:aws:s3:::b/*",
          Principal: "*",
          Condition: {
            Bool: { "aws:SecureTransport": "false" },
            StringLike: { "s3:prefix": ["a/*", "b/*"] },
          },
        },
      ],
    });
  });

  it("leaves out what a statement does not set, and has no statements for none", () => {
    expect(JSON.parse(renderPolicyDocument({}))).toEqual({ Version: "2012-10-17", Statement: [] });
    expect(JSON.parse(renderPolicyDocument({ statements: [{ actions: ["sqs:SendMessage"] }] }))).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sqs:SendMessage" }],
    });
  });
});

describe("answerLookup", () => {
  it("refuses a lookup it does not answer, by name, rather than answering nothing", () => {
    expect(() => answerLookup("aws:ec2/getVpc:getVpc", {})).toThrow(LookupNotMockedError);
    expect(() => answerLookup("aws:ec2/getVpc:getVpc", {})).toThrow(/aws:ec2\/getVpc:getVpc/);
  });

  it("gives the account, region and partition every ARN is built from", () => {
    expect(answerLookup("aws:index/getCallerIdentity:getCallerIdentity", {}).accountId).toBe(ACCOUNT);
    expect(answerLookup("aws:index/getRegion:getRegion", {}).region).toBe("eu-west-1");
    expect(answerLookup("aws:index/getPartition:getPartition", {}).partition).toBe("aws");
  });
});

describe("recordingMocks", () => {
  it("names a created resource as its inputs say, and a read one by the id it was read by", () => {
    const registrations: Registration[] = [];
    const mocks = recordingMocks(registrations);
    const created = mocks.newResource({
      type: "aws:sqs/queue:Queue",
      name: "JobsQueue",
      inputs: { name: "recap-dev-JobsQueue-abc" },
    });
    expect(created.state.arn).toBe(`arn:aws:sqs:eu-west-1:${ACCOUNT}:recap-dev-JobsQueue-abc`);
    const read = mocks.newResource({
      type: "aws:cloudwatch/eventBus:EventBus",
      name: "DefaultBusBus",
      inputs: { name: "recap-dev-DefaultBusBus-xyz" },
      id: "default",
    });
    expect(read.state).toMatchObject({
      name: "default",
      arn: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/default`,
    });
    expect(registrations.map((r) => [r.name, r.readId])).toEqual([
      ["JobsQueue", undefined],
      ["DefaultBusBus", "default"],
    ]);
  });

  it("records a component with no physical attributes and no id", () => {
    const registrations: Registration[] = [];
    const result = recordingMocks(registrations).newResource({
      type: "sst:aws:Queue",
      name: "JobsQueue",
      inputs: {},
      custom: false,
    });
    expect(result).toEqual({ id: undefined, state: {} });
    expect(registrations[0]?.custom).toBe(false);
  });
});

describe("engineUrn", () => {
  const urn = engineUrn("dev", "recap");

  it("leaves the root stack out of a child's type, as the engine does", () => {
    expect(urn("urn:pulumi:dev::recap::pulumi:pulumi:Stack::recap-dev", "sst:sst:Linkable", "Store")).toBe(
      "urn:pulumi:dev::recap::sst:sst:Linkable::Store",
    );
    expect(urn(undefined, "pulumi:pulumi:Stack", "recap-dev")).toBe(
      "urn:pulumi:dev::recap::pulumi:pulumi:Stack::recap-dev",
    );
  });

  it("chains every ancestor's type below the stack", () => {
    const queue = urn("urn:pulumi:dev::recap::pulumi:pulumi:Stack::recap-dev", "sst:aws:Queue", "Jobs");
    expect(urn(queue, "aws:sqs/queue:Queue", "JobsQueue")).toBe(
      "urn:pulumi:dev::recap::sst:aws:Queue$aws:sqs/queue:Queue::JobsQueue",
    );
    const grandchild = urn(
      "urn:pulumi:dev::recap::sst:aws:Queue$sst:aws:Function::Fn",
      "aws:iam/role:Role",
      "FnRole",
    );
    expect(grandchild).toBe(
      "urn:pulumi:dev::recap::sst:aws:Queue$sst:aws:Function$aws:iam/role:Role::FnRole",
    );
  });
});
