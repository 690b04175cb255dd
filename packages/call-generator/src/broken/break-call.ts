import type { CallPlan } from "../call-plan.ts";
import type { EventDefect, GeneratedCall } from "../call-types.ts";
import { createRandom } from "../random.ts";
import { writeCall } from "../write-call.ts";
import { misdecoded } from "./bad-encoding.ts";
import type { BrokenKind } from "./broken-kinds.ts";
import { noSpeechContent } from "./no-speech.ts";
import { oversized } from "./oversize.ts";
import { unknownFormatContent } from "./unknown-format.ts";

const EVENT_DEFECTS: readonly EventDefect[] = [
  "missing-transcript-id",
  "malformed-transcript-id",
  "content-not-text",
  "unknown-format-name",
  "metadata-not-text",
];

/**
 * The planned call, broken in the given way, its ground truth naming the rejection it must earn. A call
 * whose content holds no speech any more has no turns and no personal data left in it.
 */
export function breakCall(plan: CallPlan, kind: BrokenKind): GeneratedCall {
  const random = createRandom(`${plan.writingSeed}/broken`);
  const { call, lines } = kind === "oversize" ? oversized(plan, random) : writeCall(plan);
  const broken = (changes: Partial<GeneratedCall>, speechless = false): GeneratedCall => ({
    ...call,
    ...changes,
    truth: { ...call.truth, ...(speechless ? { turns: 0, pii: [] } : {}), expectedRejection: kind },
  });
  switch (kind) {
    case "empty-transcript":
      return broken({ content: random.pick(["", " ", "\n\n", "\t \r\n  "]) }, true);
    case "no-speech-turns":
      return broken({ content: noSpeechContent(call, random) }, true);
    case "unknown-format":
      return broken({ content: unknownFormatContent(call, lines, random) });
    case "bad-encoding":
      return broken({ content: misdecoded(call.content, random) });
    case "oversize":
      return broken({});
    case "invalid-event":
      return broken({ eventDefect: random.pick(EVENT_DEFECTS) });
  }
}
