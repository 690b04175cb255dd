import { setTimeout as sleep } from "node:timers/promises";

export interface BackoffPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Bedrock's and the SDK's names for "slow down": worth waiting out, unlike a refusal. */
export function isThrottling(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === "ThrottlingException" || name === "TooManyRequestsException";
}

/**
 * Retries `call` while it is throttled, waiting a random time up to an exponentially growing cap ("full
 * jitter"), so several instances throttled together do not retry together. Any other error is thrown at once.
 */
export async function withBackoff<T>(
  call: () => Promise<T>,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= policy.attempts) throw error;
      await sleep(backoffDelayMs(attempt, policy, random));
    }
  }
}

export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}
