import { findActionItems } from "./action-items.ts";
import { findCallReason } from "./call-reason.ts";
import { type KeySentence, rankKeySentences } from "./key-sentences.ts";
import { assessResolution, type Resolution } from "./resolution.ts";
import { assessSentiment, type Sentiment } from "./sentiment.ts";
import type { Turn } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

/** Everything the offline summarizer knows about a call, read from the call's own words. */
export interface CallFacts {
  /** Why the customer called, as a third-person sentence. */
  reason: string | undefined;
  resolution: Resolution;
  sentiment: Sentiment;
  actionItems: string[];
  /** Best first; the reason sentence is not among them. */
  keySentences: KeySentence[];
}

export function analyzeCall(turns: readonly Turn[]): CallFacts {
  const utterances = utterancesOf(turns);
  const reason = findCallReason(utterances);
  const resolution = assessResolution(turns, utterances);
  return {
    reason: reason?.reason,
    resolution,
    // The customer's mood follows the outcome (see `sentiment.ts`): assessed once, read by both.
    sentiment: assessSentiment(turns, utterances, resolution),
    actionItems: findActionItems(utterances),
    keySentences: rankKeySentences(utterances, new Set(reason ? [reason.sentence] : [])),
  };
}
