import { describe, expect, test } from "vitest";
import { expiredObjects, expiresAt } from "./expiry.ts";
import type { ExpirationRule } from "./rules.ts";

const shards: ExpirationRule = { id: "expire-shards", prefix: "shards/", expiration: { days: 30 } };
const normalized: ExpirationRule = {
  id: "expire-normalized",
  prefix: "normalized/",
  expiration: { days: 3 },
};
const at = (iso: string) => new Date(iso);

describe("when S3 expires an object", () => {
  test("the days are added to its time and rounded up to the next midnight UTC (the S3 User Guide's example)", () => {
    // Created 1/15/2014 10:30 UTC with a 3-day rule: 1/19/2014 00:00 UTC.
    expect(expiresAt(normalized, at("2014-01-15T10:30:00Z"))).toEqual(at("2014-01-19T00:00:00Z"));
    expect(expiresAt(shards, at("2026-12-07T23:59:59.999Z"))).toEqual(at("2027-01-07T00:00:00Z"));
  });

  test("a time landing exactly on midnight moves to the next one", () => {
    expect(expiresAt(normalized, at("2026-12-07T00:00:00Z"))).toEqual(at("2026-12-11T00:00:00Z"));
  });

  test("a rule with a date expires every object it covers on that date, however young", () => {
    const onDate: ExpirationRule = { id: "d", prefix: "", expiration: { date: at("2027-01-01T00:00:00Z") } };
    expect(expiresAt(onDate, at("2026-12-31T23:00:00Z"))).toEqual(at("2027-01-01T00:00:00Z"));
  });
});

describe("which objects have expired", () => {
  const written = at("2026-12-07T10:00:00Z");
  const objects = [
    { key: "shards/a.jsonl", lastModified: written },
    { key: "normalized/t1.json", lastModified: written },
    { key: "summaries/t1.json", lastModified: written },
    { key: "shardsX/not-under-the-prefix", lastModified: written },
  ];

  test("none a millisecond before the rounded expiry; at it, exactly those under the rule's prefix", () => {
    expect(expiredObjects([shards, normalized], objects, at("2026-12-10T23:59:59.999Z"))).toEqual([]);
    expect(expiredObjects([shards, normalized], objects, at("2026-12-11T00:00:00Z"))).toEqual([
      { key: "normalized/t1.json", ruleId: "expire-normalized", expiresAt: at("2026-12-11T00:00:00Z") },
    ]);
    expect(
      expiredObjects([shards, normalized], objects, at("2027-01-07T00:00:00Z")).map((o) => o.key),
    ).toEqual(["shards/a.jsonl", "normalized/t1.json"]);
  });

  test("a prefix matches the key's start as written: shards/ does not cover shardsX/, and '' covers all", () => {
    const everything: ExpirationRule = { id: "all", prefix: "", expiration: { days: 1 } };
    const later = at("2027-06-01T00:00:00Z");
    expect(expiredObjects([shards], objects, later).map((o) => o.key)).toEqual(["shards/a.jsonl"]);
    expect(expiredObjects([everything], objects, later)).toHaveLength(objects.length);
  });

  test("an object two rules cover is expired once, by the rule that expires it first", () => {
    const allShortly: ExpirationRule = { id: "all-in-1", prefix: "", expiration: { days: 1 } };
    const [expired, ...others] = expiredObjects(
      [shards, allShortly],
      [objects[0] ?? { key: "", lastModified: written }],
      at("2027-06-01T00:00:00Z"),
    );
    expect(others).toEqual([]);
    expect(expired?.ruleId).toBe("all-in-1");
  });
});
