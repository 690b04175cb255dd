import type { ExpirationRule } from "./rules.ts";

const DAY_MS = 86_400_000;

/** An object as listed, its LastModified read on the emulated clock. */
export interface ListedObject {
  readonly key: string;
  readonly lastModified: Date;
}

export interface ExpiredObject {
  readonly key: string;
  /** The rule that expired it: of several matching rules, the one that expires it first. */
  readonly ruleId: string;
  readonly expiresAt: Date;
}

/**
 * When a rule expires an object last written at `lastModified`. For a number of days, S3 adds the days to
 * the object's time and rounds the result up to the next midnight UTC ("created 1/15 10:30 UTC, 3 days:
 * 1/19 00:00 UTC", Amazon S3 User Guide, lifecycle configuration elements); a result exactly at midnight
 * still moves to the next one, as "the next day" says. For a date, every object it covers expires then.
 */
export function expiresAt(rule: ExpirationRule, lastModified: Date): Date {
  if ("date" in rule.expiration) return rule.expiration.date;
  const due = lastModified.getTime() + rule.expiration.days * DAY_MS;
  return new Date(Math.floor(due / DAY_MS) * DAY_MS + DAY_MS);
}

/** The objects that have expired at `now` under any rule whose prefix covers their key, each once. */
export function expiredObjects(
  rules: readonly ExpirationRule[],
  objects: Iterable<ListedObject>,
  now: Date,
): ExpiredObject[] {
  const expired: ExpiredObject[] = [];
  for (const object of objects) {
    let first: ExpiredObject | undefined;
    for (const rule of rules) {
      if (!object.key.startsWith(rule.prefix)) continue;
      const at = expiresAt(rule, object.lastModified);
      if (at.getTime() <= now.getTime() && (!first || at < first.expiresAt))
        first = { key: object.key, ruleId: rule.id, expiresAt: at };
    }
    if (first) expired.push(first);
  }
  return expired;
}
