/**
 * How many jobs may be created now for one model: the quota (the smaller of the account's or configured one
 * and any quota learned from a refusal that still holds) less what Bedrock lists as active, less jobs Recap
 * created so recently that the list may not show them yet. Bedrock's list is the truth; no counter of our own.
 */
export function freeSlots(input: {
  quota: number;
  learned?: { quota: number; until: number };
  now: number;
  activeJobArns: ReadonlySet<string>;
  /** Jobs this stage created in the last moments, by ARN. */
  recentJobArns: readonly string[];
}): number {
  const quota =
    input.learned && input.learned.until > input.now
      ? Math.min(input.quota, input.learned.quota)
      : input.quota;
  const unlisted = input.recentJobArns.filter((arn) => !input.activeJobArns.has(arn)).length;
  return Math.max(0, quota - input.activeJobArns.size - unlisted);
}

/** After ServiceQuotaExceededException: the real quota is what was active when Bedrock said no (at least 1). */
export function learnedQuota(activeAtRefusal: number): number {
  return Math.max(1, activeAtRefusal);
}
