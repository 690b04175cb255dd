/**
 * The bench's job: a 50,000-record shard's record map and its Bedrock output, generated record by record from
 * a seed, so the same index always gives the same record. Lines are what Bedrock writes for Claude 3 Haiku:
 * `{recordId, modelInput, modelOutput}` (or `error`), the modelInput built by the shared family adapter from
 * the production prompt, exactly as shard-builder builds it.
 */
import { createHash } from "node:crypto";
import { seededRandom } from "@recap/bedrock-local/seeded-random";
import {
  buildModelInput,
  type CallSummary,
  promptVersionOf,
  type RecordMapEntry,
  type ResolvedProfile,
  recordIdOf,
  type Turn,
} from "@recap/shared";

/** What became of a record in the job, chosen by its seeded draw. */
export type RecordKind = "summary" | "model-error" | "max-tokens" | "invalid-summary" | "missing";

/** Shares of the non-summary kinds (the rest are valid summaries): a few percent, as a partial job gives. */
const KIND_SHARES: Array<[RecordKind, number]> = [
  ["model-error", 0.02],
  ["max-tokens", 0.015],
  ["invalid-summary", 0.005],
  ["missing", 0.005],
];
/** Attempts: most records are first tries; some are retries, and the last allowed (3) fails for good. */
const ATTEMPT_SHARES: Array<[number, number]> = [
  [3, 0.04],
  [2, 0.08],
];
/**
 * Transcript text, uniform over this range of characters: with the prompt, Claude's body shape and the
 * answer around it, an output line averages about 4.2 KB, so 50,000 records make about 200 MiB of output.
 */
const MIN_TRANSCRIPT_CHARS = 1_400;
const MAX_TRANSCRIPT_CHARS = 4_200;
const CHARS_PER_TOKEN = 4;

export interface BenchRecord {
  index: number;
  kind: RecordKind;
  entry: RecordMapEntry;
  /** The `.out` line without its newline; undefined for a record missing from the output. */
  line: string | undefined;
  inputTokens: number;
  outputTokens: number;
}

/** A seeded permutation of 0..n-1 (Fisher–Yates): Bedrock keeps no input order in its output. */
export function outputOrder(n: number, seed: string): number[] {
  const random = seededRandom(`${seed}/order`);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

function drawShare<T>(random: () => number, shares: Array<[T, number]>, otherwise: T): T {
  let u = random();
  for (const [value, share] of shares) {
    if (u < share) return value;
    u -= share;
  }
  return otherwise;
}

/** The `index`th record of the job `seed` in `bucket`. */
export function benchRecord(
  resolved: ResolvedProfile,
  bucket: string,
  seed: string,
  index: number,
): BenchRecord {
  const random = seededRandom(`${seed}/${index}`);
  const kind = drawShare(random, KIND_SHARES, "summary");
  const attempt = drawShare(random, ATTEMPT_SHARES, 1);
  const transcriptId = `${seed}-call-${index}`;
  const unit = {
    transcriptId,
    version: createHash("sha256").update(transcriptId).digest("hex").slice(0, 16),
    profile: resolved.name,
    attempt,
  };
  const recordId = recordIdOf(unit);
  const turns = callTurns(random);
  const prompt = resolved.template.render({ turns });
  const modelInput = buildModelInput(resolved.family, prompt, {
    maxTokens: resolved.profile.maxOutputTokens,
    ...(resolved.profile.temperature === undefined ? {} : { temperature: resolved.profile.temperature }),
  });
  const promptChars = (prompt.system?.length ?? 0) + prompt.user.length;
  const deadline = random() < 0.1 ? new Date(Date.UTC(2030, 0, 1 + (index % 28))).toISOString() : undefined;
  const language = random() < 0.3 ? "en-US" : undefined;
  const entry: RecordMapEntry = {
    ...unit,
    recordId,
    transcriptUri: `s3://${bucket}/normalized/${transcriptId}/${unit.version}.json`,
    promptVersion: promptVersionOf(resolved.template),
    estimatedInputTokens: Math.ceil(promptChars / CHARS_PER_TOKEN),
    ...(deadline ? { deadline } : {}),
    ...(language ? { language } : {}),
    metadata: { tenant: `tenant-${index % 7}`, callCenter: `center-${index % 3}`, queue: "billing" },
  };
  if (kind === "missing") return { index, kind, entry, line: undefined, inputTokens: 0, outputTokens: 0 };
  if (kind === "model-error") {
    const error = {
      errorCode: 400,
      errorMessage: "Malformed input request, please reformat your input and try again.",
    };
    return {
      index,
      kind,
      entry,
      line: JSON.stringify({ recordId, modelInput, error }),
      inputTokens: 0,
      outputTokens: 0,
    };
  }
  const inputTokens = Math.ceil(promptChars / CHARS_PER_TOKEN) + 12;
  const answer = answerText(random, kind);
  const outputTokens =
    kind === "max-tokens" ? resolved.profile.maxOutputTokens : Math.ceil(answer.length / CHARS_PER_TOKEN);
  const modelOutput = {
    id: `msg_bdrk_${createHash("sha256").update(recordId).digest("hex").slice(0, 24)}`,
    type: "message",
    role: "assistant",
    model: "claude-3-haiku-20240307",
    content: [{ type: "text", text: answer }],
    stop_reason: kind === "max-tokens" ? "max_tokens" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens },
  };
  return {
    index,
    kind,
    entry,
    line: JSON.stringify({ recordId, modelInput, modelOutput }),
    inputTokens,
    outputTokens,
  };
}

const AGENT = [
  "Thank you for calling Oktank support, my name is Sam. How can I help you today?",
  "I understand how frustrating that must be, and I am here to get this sorted out for you.",
  "Let me pull up your account. Could you confirm the email address on the order, please?",
  "Thank you for your patience while I look into the details of your order history.",
  "I can see the issue on our side now: the payment of $79.99 was captured twice on the 3rd.",
  "I have processed a refund for the duplicate charge; it shows in three to five business days.",
  "You will receive a confirmation email within the hour with everything we discussed.",
  "Is there anything else I can help you with today?",
];
const CUSTOMER = [
  "Hi, I am calling because I was charged twice for my order of the Deluxe Blender.",
  "Sure, it is the address ending in example dot com, the one I always use.",
  "I really appreciate you looking into this, it has been a stressful week.",
  "Okay, that makes sense. How long will it take for that to show up on my card?",
  "Honestly I am disappointed, this is the second time this has happened to me.",
  "Great, thank you so much for your help, that is a relief.",
  "No, that is everything. Have a good day.",
];

/** Agent and customer taking turns until the call is a few kilobytes long. */
function callTurns(random: () => number): Turn[] {
  const chars = MIN_TRANSCRIPT_CHARS + random() * (MAX_TRANSCRIPT_CHARS - MIN_TRANSCRIPT_CHARS);
  const turns: Turn[] = [];
  let length = 0;
  while (length < chars) {
    const agent = turns.length % 2 === 0;
    const text = pick(random, agent ? AGENT : CUSTOMER);
    turns.push({ role: agent ? "agent" : "customer", speaker: agent ? "Agent" : "Customer", text });
    length += text.length + 11;
  }
  return turns;
}

const OVERVIEWS = [
  "The customer called about a duplicate charge on a recent blender order. The agent confirmed the double capture and issued a refund for the second payment.",
  "A customer reported being billed twice for the same order and was frustrated that it had happened before. The agent verified the account, found the duplicate payment and refunded it.",
  "The caller asked why their card showed two charges for one order. After checking the order history, the agent refunded the duplicate and promised a confirmation email.",
];
const REASONS = ["duplicate charge", "billing error on order", "refund request for double payment"];
const RESOLUTIONS = ["resolved", "resolved", "resolved", "escalated", "unresolved"] as const;
const SENTIMENTS = ["positive", "neutral", "mixed", "negative"] as const;
const ACTIONS = [
  "Refund the duplicate charge of $79.99",
  "Send the customer a confirmation email",
  "Check the payment gateway for repeated captures",
  "Follow up if the refund has not appeared within five business days",
];

/** The model's answer: the call-summary JSON, sometimes pretty-printed or fenced, as Claude writes it. */
function answerText(random: () => number, kind: RecordKind): string {
  const summary: CallSummary = {
    overview: pick(random, OVERVIEWS),
    callReason: pick(random, REASONS),
    resolution: pick(random, RESOLUTIONS),
    sentiment: pick(random, SENTIMENTS),
    actionItems: ACTIONS.filter(() => random() < 0.5),
  };
  if (kind === "invalid-summary") return JSON.stringify({ ...summary, resolution: "partially resolved" });
  const style = random();
  const json = style < 0.5 ? JSON.stringify(summary) : JSON.stringify(summary, null, 2);
  const text = style > 0.9 ? `\`\`\`json\n${json}\n\`\`\`` : json;
  // Cut short mid-answer: valid-looking or not, a max_tokens stop is never a summary.
  return kind === "max-tokens" ? text.slice(0, Math.floor(text.length * 0.7)) : text;
}

/** The outcome the harvest must reach for a record of this kind and attempt (maxAttempts 3). */
export function expectedOutcome(kind: RecordKind, attempt: number, maxAttempts: number) {
  if (kind === "summary") return "summarized" as const;
  return attempt >= maxAttempts ? ("failed" as const) : ("retrying" as const);
}
