import { type CallPlan, contextOf } from "./call-plan.ts";
import type { GeneratedCall, Line } from "./call-types.ts";
import { composeCall } from "./compose-call.ts";
import { SERIALIZERS } from "./formats/serializers.ts";
import { SCRIPTS } from "./intents/scripts.ts";
import { timeline } from "./timeline.ts";

/**
 * A planned call, written out: the intent's script composed into a conversation, timed, and serialized
 * in the plan's format. `stalls` lengthens the middle (see {@link composeCall}).
 */
export function writeCall(plan: CallPlan, stalls = 0): { call: GeneratedCall; lines: Line[] } {
  const ctx = contextOf(plan);
  const { lines, queue, truth } = composeCall(ctx, SCRIPTS[plan.intent](ctx), stalls);
  const timed = timeline(lines, ctx.random, plan.channel, plan.tone);
  const content = SERIALIZERS[plan.format]({
    transcriptId: plan.transcriptId,
    channel: plan.channel,
    lines: timed,
    speakers: truth.speakers,
    startedAt: plan.startedAt,
    random: ctx.random,
  });
  const durationMs = (timed.at(-1)?.endMs ?? 0) + 3000;
  const call: GeneratedCall = {
    transcriptId: plan.transcriptId,
    format: plan.format,
    channel: plan.channel,
    declaresFormat: plan.declaresFormat,
    content,
    startedAt: plan.startedAt.toISOString(),
    endedAt: new Date(plan.startedAt.getTime() + durationMs).toISOString(),
    metadata: {
      tenant: plan.tenant.id,
      callCenter: plan.callCenter,
      queue,
      agentId: plan.agentId,
    },
    truth,
  };
  return { call, lines };
}
