import { describe, expect, test } from "vitest";
import { jobNamePrefix, UnusableStageNameError } from "./topology.ts";

// Bedrock's own patterns (botocore bedrock/2023-04-20 service-2.json), matched whole as AWS matches them: a
// job name Recap builds is also its clientRequestToken, so it must satisfy both.
const JOB_NAME = /^(?:[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63})$/;
const CLIENT_TOKEN = /^(?:[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256})$/;
const shardId = "b-0123456789abcdef0123";

describe("jobNamePrefix", () => {
  test.each(["dev", "production", "pr-1234", "Alice", "s".repeat(34)])(
    "stage %j makes a job name and token Bedrock accepts",
    (stage) => {
      const name = `${jobNamePrefix(stage)}${shardId}`;
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(JOB_NAME);
      expect(name).toMatch(CLIENT_TOKEN);
    },
  );

  test.each([
    ["a dot", "alice.dev", /only letters, digits and dashes/],
    ["an underscore", "pr_12", /only letters, digits and dashes/],
    ["35 characters", "s".repeat(35), /would be 64 characters.*at most 34/],
  ])("a stage with %s is refused by name, before Bedrock refuses every job", (_what, stage, message) => {
    expect(() => jobNamePrefix(stage)).toThrow(UnusableStageNameError);
    expect(() => jobNamePrefix(stage)).toThrow(message);
  });
});
