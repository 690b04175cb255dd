import type { BucketLifecycleConfiguration, LifecycleRule } from "@aws-sdk/client-s3";
import type { StoreExpirationRule } from "@recap/shared/lifecycle";

/** A lifecycle rule the local stack carries out: objects under `prefix` are deleted once they expire. */
export interface ExpirationRule {
  readonly id: string;
  /** "" for every object in the bucket. */
  readonly prefix: string;
  /** `days` after an object was last written, or every object on a `date` (midnight UTC). */
  readonly expiration: { readonly days: number } | { readonly date: Date };
}

/** A rule on the bucket whose action the local stack does not carry out, and why. */
export interface RuleNotEmulated {
  readonly id: string;
  readonly why: string;
}

/** The S3 lifecycle configuration for rules from the topology, exactly as the deployed bucket gets them. */
export function bucketLifecycleConfiguration(
  rules: readonly StoreExpirationRule[],
): BucketLifecycleConfiguration {
  return {
    Rules: rules.map(({ id, prefix, days }) => ({
      ID: id,
      Status: "Enabled",
      Filter: { Prefix: prefix },
      Expiration: { Days: days },
    })),
  };
}

/**
 * The expiration rules in a bucket's lifecycle configuration, as S3 reads them (disabled rules do nothing),
 * and the rules or actions the local stack cannot carry out: it has no versions, storage classes or
 * multipart-upload listing (fauxqs), and filters only on the key prefix.
 */
export function expirationRulesOf(rules: readonly LifecycleRule[]): {
  expiring: ExpirationRule[];
  notEmulated: RuleNotEmulated[];
} {
  const expiring: ExpirationRule[] = [];
  const notEmulated: RuleNotEmulated[] = [];
  rules.forEach((rule, index) => {
    if (rule.Status !== "Enabled") return;
    const id = rule.ID ?? `rule ${index + 1}`;
    const { Filter: filter } = rule;
    if (filter?.Tag || filter?.And || filter?.ObjectSizeGreaterThan || filter?.ObjectSizeLessThan) {
      notEmulated.push({ id, why: "it filters on tags or object size; only key prefixes are emulated" });
      return;
    }
    const unsupported = [
      ...(rule.Transitions?.length ? ["storage-class transitions"] : []),
      ...(rule.NoncurrentVersionExpiration || rule.NoncurrentVersionTransitions?.length
        ? ["noncurrent versions"]
        : []),
      ...(rule.AbortIncompleteMultipartUpload ? ["aborting incomplete multipart uploads"] : []),
    ];
    if (unsupported.length > 0) notEmulated.push({ id, why: `${unsupported.join(", ")} not emulated` });
    // `Prefix` outside `Filter` is the older form of the same thing, still accepted by S3.
    const prefix = filter?.Prefix ?? rule.Prefix ?? "";
    const { Days: days, Date: date } = rule.Expiration ?? {};
    if (days !== undefined) expiring.push({ id, prefix, expiration: { days } });
    else if (date !== undefined) expiring.push({ id, prefix, expiration: { date } });
  });
  return { expiring, notEmulated };
}
