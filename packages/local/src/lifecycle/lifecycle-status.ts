import type { S3Client } from "@aws-sdk/client-s3";
import { type EmulatedClock, offsetDaysAt, onEmulatedClock, readClock } from "./clock.ts";
import { expiresAt } from "./expiry.ts";
import type { RuleNotEmulated } from "./rules.ts";
import { expirationRulesOf } from "./rules.ts";
import { bucketLifecycleRules, listObjects } from "./sweep.ts";

export interface RuleStatus {
  id: string;
  prefix: string;
  /** Days after the last write, or the fixed date. */
  expires: { days: number } | { date: string };
  /** Objects the rule covers now. */
  objects: number;
  /** When the first of them expires on the emulated clock; null when it covers none. */
  nextExpiry: string | null;
}

export interface LifecycleStatus {
  bucket: string;
  emulatedNow: string;
  offsetDays: number;
  advances: EmulatedClock["advances"];
  rules: RuleStatus[];
  notEmulated: RuleNotEmulated[];
}

/** The emulated clock and, for each expiring rule of the bucket, what it covers and when the first expires. */
export async function lifecycleStatus(
  s3: S3Client,
  bucket: string,
  dir: string,
  realNow = new Date(),
): Promise<LifecycleStatus> {
  const clock = await readClock(dir);
  const { expiring, notEmulated } = expirationRulesOf(await bucketLifecycleRules(s3, bucket));
  const rules: RuleStatus[] = [];
  for (const rule of expiring) {
    let objects = 0;
    let next: Date | undefined;
    for await (const object of listObjects(s3, bucket, rule.prefix)) {
      objects += 1;
      const at = expiresAt(rule, onEmulatedClock(clock, object.lastModified));
      if (!next || at < next) next = at;
    }
    rules.push({
      id: rule.id,
      prefix: rule.prefix,
      expires:
        "days" in rule.expiration
          ? { days: rule.expiration.days }
          : { date: rule.expiration.date.toISOString() },
      objects,
      nextExpiry: next?.toISOString() ?? null,
    });
  }
  return {
    bucket,
    emulatedNow: onEmulatedClock(clock, realNow).toISOString(),
    offsetDays: offsetDaysAt(clock, realNow),
    advances: clock.advances,
    rules,
    notEmulated,
  };
}
