import type { CallContext } from "./call-context.ts";
import { type CallFormat, INTENTS, type Intent, type Resolution, type Tone } from "./call-types.ts";
import {
  ACCENTED_NAMES,
  AGENT_FIRST_NAMES,
  CALL_CENTERS,
  FIRST_NAMES,
  LAST_NAMES,
  TENANTS,
  type Tenant,
} from "./pools.ts";
import { createRandom, type Random } from "./random.ts";

/** Everything decided about a call before a word of it is written. */
export type CallPlan = {
  transcriptId: string;
  format: CallFormat;
  channel: "voice" | "chat";
  declaresFormat: boolean;
  tenant: Tenant;
  callCenter: string;
  agentId: string;
  agentName: string;
  customer: { first: string; last: string };
  intent: Intent;
  tone: Tone;
  resolution: Resolution;
  sharesPii: boolean;
  startedAt: Date;
  /** Seeds the writing of the call, so it can be written again (longer, say) from the same start. */
  writingSeed: string;
};

/** Calls are spread over two months of weekday working hours from here. */
const FIRST_DAY = Date.UTC(2025, 2, 3);

/** Calm calls outnumber angry ones, and most calls end resolved, as in a working contact center. */
export function planCall(
  seed: string,
  index: number,
  formats: readonly CallFormat[],
  options: { accentedCustomer: boolean },
): CallPlan {
  const random = createRandom(`${seed}/call-${index}`);
  const format = random.pick(formats);
  // Drawn for every call, so a call's other choices do not depend on its format.
  const chat = random.chance(0.35);
  const tenant = random.pick(TENANTS);
  const agentIndex = random.int(0, AGENT_FIRST_NAMES.length - 1);
  return {
    transcriptId: `call-${seedLabel(seed)}-${String(index + 1).padStart(5, "0")}`,
    format,
    channel: format === "contact-lens" && chat ? "chat" : "voice",
    declaresFormat: random.chance(0.4),
    tenant,
    callCenter: random.pick(CALL_CENTERS),
    agentId: `${tenant.id}-agent-${String(agentIndex + 101)}`,
    agentName: AGENT_FIRST_NAMES[agentIndex] ?? "Alex",
    customer: customerOf(random, options.accentedCustomer),
    intent: random.pick(INTENTS),
    tone: random.chance(0.35) ? "angry" : "calm",
    resolution: random.pick(["resolved", "resolved", "unresolved", "escalated"] as const),
    sharesPii: random.chance(0.45),
    startedAt: new Date(FIRST_DAY + weekdayOffsetMs(random)),
    writingSeed: `${seed}/call-${index}/writing`,
  };
}

/** A fresh context for writing the call; every writing of a plan draws the same numbers. */
export function contextOf(plan: CallPlan): CallContext {
  return {
    random: createRandom(plan.writingSeed),
    company: plan.tenant.company,
    agent: { first: plan.agentName },
    customer: plan.customer,
    tone: plan.tone,
    resolution: plan.resolution,
    sharesPii: plan.sharesPii,
    callDate: plan.startedAt,
    personalData: [],
  };
}

function customerOf(random: Random, accented: boolean): { first: string; last: string } {
  if (!accented) return { first: random.pick(FIRST_NAMES), last: random.pick(LAST_NAMES) };
  const [first = "José", last = "Muñoz"] = random.pick(ACCENTED_NAMES).split(" ");
  return { first, last };
}

function weekdayOffsetMs(random: Random): number {
  const week = random.int(0, 8);
  const weekday = random.int(0, 4);
  const minuteOfShift = random.int(0, 9 * 60);
  // Shifts run 13:00–22:00 UTC: business hours across the Americas and the afternoon in Europe.
  return ((week * 7 + weekday) * 24 * 60 + 13 * 60 + minuteOfShift) * 60_000 + random.int(0, 59_999);
}

/** The seed as it appears in transcript ids: itself when it is short and safe there, else a digest. */
function seedLabel(seed: string): string {
  if (/^[A-Za-z0-9]{1,24}$/.test(seed)) return seed;
  return createRandom(seed).int(0, 0xffff_ffff).toString(16).padStart(8, "0");
}
