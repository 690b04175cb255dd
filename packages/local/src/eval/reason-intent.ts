import { INTENTS, type Intent } from "@recap/call-generator/call-types";
import { contentWords } from "./content-words.ts";

export type ReasonIntent = Intent | "other";

/**
 * Words by which a free-text call reason names each of the call generator's intents: the everyday vocabulary
 * of each kind of call, as a reader would sort reasons by hand, not the generator's own wording (plural `s`
 * dropped, as `contentWords` does).
 */
const INTENT_WORDS: Record<Intent, readonly string[]> = {
  "billing-dispute": [
    "bill",
    "billing",
    "billed",
    "charge",
    "charged",
    "overcharged",
    "invoice",
    "fee",
    "statement",
    "twice",
    "duplicate",
    "double",
    "dispute",
    "payment",
    "refund",
    "credit",
    "price",
    "amount",
  ],
  "password-reset": [
    "password",
    "login",
    "log",
    "sign",
    "signin",
    "locked",
    "lockout",
    "reset",
    "access",
    "credential",
    "username",
    "two-factor",
    "verification",
    "code",
  ],
  "order-problem": [
    "order",
    "package",
    "parcel",
    "delivery",
    "delivered",
    "shipping",
    "shipped",
    "shipment",
    "arrived",
    "damaged",
    "missing",
    "wrong",
    "tracking",
    "item",
    "courier",
    "replacement",
    "return",
  ],
  cancellation: [
    "cancel",
    "cancelled",
    "canceled",
    "cancellation",
    "cancelling",
    "terminate",
    "unsubscribe",
    "close",
    "closing",
    "end",
    "ending",
    "quit",
    "stop",
  ],
  "address-change": ["address", "moved", "moving", "move", "relocate", "relocating", "postcode", "zip"],
  "technical-support": [
    "working",
    "work",
    "error",
    "crash",
    "crashing",
    "internet",
    "router",
    "wifi",
    "connection",
    "connect",
    "app",
    "device",
    "broken",
    "install",
    "update",
    "slow",
    "outage",
    "signal",
    "technical",
    "setup",
    "screen",
  ],
};
const LOOKUP = new Map<string, Intent[]>();
for (const intent of INTENTS) {
  for (const word of INTENT_WORDS[intent]) LOOKUP.set(word, [...(LOOKUP.get(word) ?? []), intent]);
}

/**
 * The intent a free-text call reason names: the one with most of its words in the text, ties to the intent
 * listed first; `other` when no intent word is there. How `compareWithTruth` scores a summary's `callReason`
 * against the generator's intent.
 */
export function intentOfReason(reason: string): ReasonIntent {
  const votes = new Map<Intent, number>();
  for (const word of contentWords(reason)) {
    for (const intent of LOOKUP.get(word) ?? []) votes.set(intent, (votes.get(intent) ?? 0) + 1);
  }
  let best: ReasonIntent = "other";
  let bestVotes = 0;
  for (const intent of INTENTS) {
    const count = votes.get(intent) ?? 0;
    if (count > bestVotes) {
      best = intent;
      bestVotes = count;
    }
  }
  return best;
}
