import type { Envelope } from "@recap/shared";

/** The events that end a call: it was summarized, its summary failed with a reason, or it was rejected. */
export const OUTCOME_TYPES = ["summary.ready", "summary.failed", "transcript.rejected"] as const;

export interface LedgerFigures {
  /** Calls with an outcome. */
  ended: number;
  /** Calls with two or more outcome events of different ids: what must never happen. */
  twoOutcomes: number;
  /** Redelivered copies of an outcome event (same id): at-least-once delivery, harmless to a subscriber. */
  sameIdCopies: number;
  byType: Record<(typeof OUTCOME_TYPES)[number], number>;
}

/**
 * Every outcome event a subscriber heard, by call. Pure and order-free: copies and interleavings give the
 * same figures, since calls are told apart by transcript id and events by their id.
 */
export class OutcomeLedger {
  readonly #ids = new Map<string, Map<string, string>>();
  #events = 0;

  /** `call` names the call when the event cannot (a rejection of an event without a valid transcript id). */
  add(event: Envelope, call = this.callOf(event)): void {
    if (!(OUTCOME_TYPES as readonly string[]).includes(event.type)) return;
    const ids = this.#ids.get(call) ?? new Map<string, string>();
    ids.set(event.id, event.type);
    this.#ids.set(call, ids);
    this.#events += 1;
  }

  /** The call an outcome names: its transcript id, absent only from a rejection that could read none. */
  callOf(event: Envelope): string {
    return String((event.data as { transcriptId?: unknown }).transcriptId ?? event.correlationId);
  }

  hasEnded(transcriptId: string): boolean {
    return this.#ids.has(transcriptId);
  }

  figures(): LedgerFigures {
    const byType = Object.fromEntries(OUTCOME_TYPES.map((t) => [t, 0])) as LedgerFigures["byType"];
    let distinct = 0;
    let twoOutcomes = 0;
    for (const ids of this.#ids.values()) {
      distinct += ids.size;
      if (ids.size > 1) twoOutcomes += 1;
      for (const type of ids.values()) byType[type as keyof typeof byType] += 1;
    }
    return { ended: this.#ids.size, twoOutcomes, sameIdCopies: this.#events - distinct, byType };
  }
}
