import { describe, expect, test } from "vitest";
import { withoutTags, withTags } from "./tags.ts";

describe("tags", () => {
  test("tagging sets new keys and replaces the value of a key already there, keeping the rest", () => {
    const tags = withTags(
      [
        { key: "team", value: "calls" },
        { key: "stage", value: "dev" },
      ],
      [
        { key: "stage", value: "prod" },
        { key: "owner", value: "recap" },
      ],
    );
    expect(tags).toEqual([
      { key: "team", value: "calls" },
      { key: "stage", value: "prod" },
      { key: "owner", value: "recap" },
    ]);
  });
  test("untagging removes the keys named and ignores keys the resource lacks", () => {
    expect(
      withoutTags(
        [
          { key: "team", value: "calls" },
          { key: "stage", value: "dev" },
        ],
        ["stage", "absent"],
      ),
    ).toEqual([{ key: "team", value: "calls" }]);
  });
});
