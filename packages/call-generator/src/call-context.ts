import type { PiiType, Resolution, Tone } from "./call-types.ts";
import { AREA_CODES, EMAIL_DOMAINS, PLANS, PRODUCTS, STREETS, TEST_CARDS, TOWNS } from "./pools.ts";
import type { Random } from "./random.ts";

type Person = { first: string; last: string };

/**
 * Everything a script needs to write one call: the dice, the people, how it goes, and the call's own
 * facts. Personal data is handed out by the functions below, which note it, so the ground truth can list
 * the kinds of personal data the finished call really says.
 */
export type CallContext = {
  random: Random;
  company: string;
  agent: { first: string };
  customer: Person;
  tone: Tone;
  resolution: Resolution;
  /** Whether the customer gives personal data (e-mail, phone, card, address) during the call. */
  sharesPii: boolean;
  callDate: Date;
  /** Every piece of personal data handed out, whether or not the call ends up saying it. */
  personalData: Array<{ type: PiiType; key: string; value: string }>;
};

export const fullName = (person: Person) => `${person.first} ${person.last}`;

export function email(ctx: CallContext): string {
  const local = `${ctx.customer.first}.${ctx.customer.last}`.toLowerCase().normalize("NFD");
  const value = `${local.replace(/[^a-z.]/g, "")}${ctx.random.int(1, 99)}@${ctx.random.pick(EMAIL_DOMAINS)}`;
  return noted(ctx, "email", value);
}

export function phone(ctx: CallContext): string {
  return noted(ctx, "phone", `${ctx.random.pick(AREA_CODES)}-555-01${ctx.random.int(10, 99)}`);
}

export function cardNumber(ctx: CallContext): string {
  return noted(ctx, "card", ctx.random.pick(TEST_CARDS));
}

/** The customer's address, or the one they are moving to. */
export function streetAddress(ctx: CallContext, which: "current" | "new" = "current"): string {
  const value = `${ctx.random.int(12, 9870)} ${ctx.random.pick(STREETS)}, ${ctx.random.pick(TOWNS)}`;
  return noted(ctx, "address", value, `${which} address`);
}

/** A customer has one e-mail address, one phone number…: asked twice, they give the same one. */
function noted(ctx: CallContext, type: PiiType, value: string, key: string = type): string {
  const known = ctx.personalData.find((data) => data.key === key);
  if (known) return known.value;
  ctx.personalData.push({ type, key, value });
  return value;
}

/** The kinds of personal data the finished call says out loud, in a stable order. */
export function piiSaid(ctx: CallContext, text: string): PiiType[] {
  const types = ctx.personalData.filter(({ value }) => text.includes(value)).map(({ type }) => type);
  return [...new Set(types)].sort();
}

/** `$45.20`: an amount between min and max dollars. */
export function amount(ctx: CallContext, min: number, max: number): string {
  return `$${(ctx.random.int(min * 100, max * 100) / 100).toFixed(2)}`;
}

export function orderNumber(ctx: CallContext): string {
  return `${ctx.random.int(1000, 9999)}-${ctx.random.int(1000, 9999)}`;
}

/** Four digits a customer reads to identify a card without giving its number. */
export const lastFour = (ctx: CallContext) => String(ctx.random.int(1000, 9999));

export const product = (ctx: CallContext) => ctx.random.pick(PRODUCTS);
export const plan = (ctx: CallContext) => ctx.random.pick(PLANS);

// biome-ignore format: a table reads better in rows
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

/** A date `daysBefore` the call, as people say it: `March 3rd`. */
export function spokenDate(ctx: CallContext, daysBefore: number): string {
  const date = new Date(ctx.callDate.getTime() - daysBefore * 86_400_000);
  const day = date.getUTCDate();
  const suffix =
    day % 10 === 1 && day !== 11
      ? "st"
      : day % 10 === 2 && day !== 12
        ? "nd"
        : day % 10 === 3 && day !== 13
          ? "rd"
          : "th";
  return `${MONTHS[date.getUTCMonth()]} ${day}${suffix}`;
}

export const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A line for the calm customer or the angry one. */
export function byTone(
  ctx: CallContext,
  lines: { calm: readonly string[]; angry: readonly string[] },
): string {
  return ctx.random.pick(lines[ctx.tone]);
}
