import { describe, expect, test } from "vitest";
import { SHAPES, type Shape } from "./shapes.ts";
import { violations } from "./validate.ts";

describe("the transcribed service model", () => {
  test("every member and list item names a shape in the table", () => {
    const names = new Set(Object.keys(SHAPES));
    for (const shape of Object.values(SHAPES) as Shape[]) {
      const refs =
        shape.type === "structure"
          ? Object.values(shape.members)
          : shape.type === "list"
            ? [shape.member]
            : [];
      for (const ref of refs) expect(names, ref).toContain(ref);
    }
  });

  // The model's job-name pattern, run by a backtracking engine only on short values.
  const modelJobName = /^(?:[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63})$/;
  test.each([
    "recap-dev-b-0123456789abcdef0123",
    "a",
    "A-b.c+d--e",
    "a-",
    "-a",
    ".a",
    "a b",
    "a_b",
    "a!",
    `a${"-".repeat(20)}`,
    "a".repeat(63),
  ])("the job-name rewrite accepts %j exactly when the model's pattern does", (name) => {
    const accepted = violations("ModelInvocationJobName", name).length === 0;
    expect(accepted).toBe(modelJobName.test(name));
  });

  test("a hostile job name (a run of dashes then a bad character) is refused in well under a second", () => {
    const started = performance.now();
    expect(violations("ModelInvocationJobName", `a${"-".repeat(61)}!`)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test.each([
    ["anthropic.claude-3-haiku-20240307-v1:0", true],
    ["us.anthropic.claude-3-haiku-20240307-v1:0", true],
    ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", true],
    ["arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0", true],
    ["has space", false],
    ["", false],
  ])("ModelId %j valid: %s", (modelId, valid) => {
    expect(violations("ModelId", modelId).length === 0).toBe(valid);
  });

  test("list items are addressed 1-based, as AWS addresses them", () => {
    expect(
      violations(
        "TagList",
        [
          { key: "ok", value: "x" },
          { key: "", value: "bad!" },
        ],
        "tags",
      ),
    ).toEqual([
      "Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
      "Value 'bad!' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9\\s._:/=+@-]*",
    ]);
  });
});
