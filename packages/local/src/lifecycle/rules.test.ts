import { storeLifecycleRules } from "@recap/shared/lifecycle";
import { prefixes } from "@recap/shared/topology";
import { describe, expect, test } from "vitest";
import { bucketLifecycleConfiguration, expirationRulesOf } from "./rules.ts";

describe("the bucket's lifecycle rules", () => {
  test("the topology's rules become the configuration the emulator's bucket is given, and read back the same", () => {
    const configuration = bucketLifecycleConfiguration(storeLifecycleRules);
    const { expiring, notEmulated } = expirationRulesOf(configuration.Rules ?? []);
    expect(notEmulated).toEqual([]);
    expect(expiring).toEqual(
      Object.entries(prefixes).flatMap(([prefix, entry]) => {
        const days: number | undefined = entry.expireAfterDays;
        return days === undefined
          ? []
          : [{ id: `expire-${prefix.slice(0, -1)}`, prefix, expiration: { days } }];
      }),
    );
    expect(expiring.map((rule) => rule.prefix)).toContain("shards/");
  });

  test("a disabled rule does nothing; the older Prefix outside Filter is read; a date rule keeps its date", () => {
    const date = new Date("2027-01-01T00:00:00Z");
    const { expiring } = expirationRulesOf([
      { ID: "off", Status: "Disabled", Filter: { Prefix: "a/" }, Expiration: { Days: 1 } },
      { ID: "legacy", Status: "Enabled", Prefix: "b/", Expiration: { Days: 2 } },
      { ID: "dated", Status: "Enabled", Filter: {}, Expiration: { Date: date } },
    ]);
    expect(expiring).toEqual([
      { id: "legacy", prefix: "b/", expiration: { days: 2 } },
      { id: "dated", prefix: "", expiration: { date } },
    ]);
  });

  test("what the local stack cannot carry out is named, not silently skipped; the rule's expiration still applies", () => {
    const { expiring, notEmulated } = expirationRulesOf([
      { ID: "tagged", Status: "Enabled", Filter: { Tag: { Key: "k", Value: "v" } }, Expiration: { Days: 1 } },
      {
        ID: "uploads",
        Status: "Enabled",
        Filter: { Prefix: "shards/" },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        Expiration: { Days: 30 },
      },
    ]);
    expect(notEmulated.map((rule) => rule.id)).toEqual(["tagged", "uploads"]);
    expect(notEmulated[1]?.why).toMatch(/multipart/);
    expect(expiring).toEqual([{ id: "uploads", prefix: "shards/", expiration: { days: 30 } }]);
  });
});
