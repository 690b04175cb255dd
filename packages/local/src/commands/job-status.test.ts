import { InvalidArgumentError } from "commander";
import { describe, expect, test } from "vitest";
import { jobStatus } from "./job-status.ts";

describe("--status", () => {
  test.each([
    ["completed", "Completed"],
    ["INPROGRESS", "InProgress"],
    [" PartiallyCompleted ", "PartiallyCompleted"],
  ])("%j is Bedrock's %s", (given, status) => {
    expect(jobStatus(given)).toBe(status);
  });
  test("a status Bedrock does not have is refused with the choices, before Bedrock refuses it", () => {
    expect(() => jobStatus("done")).toThrow(InvalidArgumentError);
    expect(() => jobStatus("done")).toThrow(
      /one of Completed, Expired, .*, Validating is wanted, not "done"/,
    );
  });
});
