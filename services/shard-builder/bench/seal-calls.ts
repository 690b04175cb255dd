import { type CanonicalTranscript, type ResolvedProfile, recordIdOf, type Turn } from "@recap/shared";
import { type Group, groupKey } from "../src/group-key.ts";
import type { Member } from "../src/members.ts";
import { recordLine } from "../src/record-line.ts";
import type { Stream } from "./prng.ts";

/** The production profile: Claude 3 Haiku with the structured call-summary prompt (system + user text). */
export const BENCH_PROFILE = "default";

/** The one (model, profile) group, first lane, every bench record joins. */
export function benchGroup(resolved: ResolvedProfile): Group {
  return { modelId: resolved.profile.modelId, profile: resolved.name, lane: "first" };
}

/** One record as the builder stores it at entry: its JSONL line (the real `recordLine`) and its member item. */
export interface BenchRecord {
  recordId: string;
  line: string;
  member: Member;
}

/**
 * Transcript text from about 2.2 to 6.2 KB (uniform), so lines average about 5 KB once the prompt and
 * Claude's body shape are around it: a 50,000-record shard comes to about 250 MB, as issue #7 asks.
 */
const MIN_TRANSCRIPT_CHARS = 2_200;
const MAX_TRANSCRIPT_CHARS = 6_200;
const DEADLINE_SHARE = 0.1;

const AGENT = [
  "Thank you for calling Oktank support, my name is Sam. How can I help you today?",
  "I understand how frustrating that must be, and I am here to get this sorted out for you.",
  "Let me pull up your account. Could you confirm the email address on the order, please?",
  "Thank you for your patience while I look into the details of your order history.",
  "I can see the issue on our side now: the payment of $79.99 was captured twice on the 3rd.",
  "I have processed a refund for the duplicate charge; it shows in three to five business days.",
  "You will receive a confirmation email within the hour with everything we discussed.",
];
const CUSTOMER = [
  "Hi, I am calling because I was charged twice for my order of the Deluxe Blender.",
  "Sure, it is the address ending in example dot com, the one I always use.",
  "I really appreciate you looking into this, it has been a stressful week.",
  "Okay, that makes sense. How long will it take for that to show up on my card?",
  "Honestly I am disappointed, this is the second time this has happened to me.",
  "Great, thank you so much for your help, that is a relief.",
];

/**
 * The `index`th record of run `run`: a distinct unit of work (so a distinct recordId), a call of random length,
 * its line built exactly as entry builds it, and the member item entry would write, arriving `arrival`.
 */
export function benchRecord(
  resolved: ResolvedProfile,
  group: Group,
  run: string,
  index: number,
  arrival: Date,
  random: Stream,
): BenchRecord {
  const transcriptId = `bench-${run}-${index}`;
  const unit = {
    transcriptId,
    version: index.toString(16).padStart(16, "0"),
    profile: BENCH_PROFILE,
    attempt: 1,
  };
  const recordId = recordIdOf(unit);
  const chars = MIN_TRANSCRIPT_CHARS + random.uniform() * (MAX_TRANSCRIPT_CHARS - MIN_TRANSCRIPT_CHARS);
  const { line, promptVersion, estimatedInputTokens } = recordLine(recordId, callOf(chars, random), resolved);
  const deadline =
    random.uniform() < DEADLINE_SHARE
      ? new Date(arrival.getTime() + 3 * 86_400_000).toISOString()
      : undefined;
  const member: Member = {
    ...unit,
    recordId,
    group: groupKey(group),
    arrival: `${arrival.toISOString()}#${recordId}`,
    bytes: Buffer.byteLength(line),
    transcriptUri: `s3://recap-bench-store/normalized/${transcriptId}/${unit.version}.json`,
    promptVersion,
    estimatedInputTokens,
    ...(deadline ? { deadline } : {}),
    metadata: { tenant: `tenant-${index % 7}`, callCenter: `center-${index % 3}`, queue: "billing" },
  };
  return { recordId, line, member };
}

/** Agent and customer taking turns until the call is about `chars` long. */
function callOf(chars: number, random: Stream): Pick<CanonicalTranscript, "turns"> {
  const turns: Turn[] = [];
  let length = 0;
  while (length < chars) {
    const agent = turns.length % 2 === 0;
    const lines = agent ? AGENT : CUSTOMER;
    const text = lines[Math.floor(random.uniform() * lines.length)] as string;
    turns.push({ role: agent ? "agent" : "customer", speaker: agent ? "Agent" : "Customer", text });
    length += text.length + 11;
  }
  return { turns };
}
