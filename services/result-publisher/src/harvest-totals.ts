import type { ModelPrices, RecordFailureCode, ShardKind } from "@recap/shared";

/** What part of a harvest (a chunk, or the sweep for records no output mentions) came to. */
export interface HarvestTotals {
  summarized: number;
  retrying: number;
  failed: number;
  byFailure: Partial<Record<RecordFailureCode, number>>;
  inputTokens: number;
  outputTokens: number;
  /** Output lines that were not JSON records at all; their records are settled by the sweep. */
  unreadableLines: number;
}

export function emptyTotals(): HarvestTotals {
  return {
    summarized: 0,
    retrying: 0,
    failed: 0,
    byFailure: {},
    inputTokens: 0,
    outputTokens: 0,
    unreadableLines: 0,
  };
}

export function addTotals(a: HarvestTotals, b: HarvestTotals): HarvestTotals {
  const byFailure = { ...a.byFailure };
  for (const [code, count] of Object.entries(b.byFailure) as Array<[RecordFailureCode, number]>)
    byFailure[code] = (byFailure[code] ?? 0) + count;
  return {
    summarized: a.summarized + b.summarized,
    retrying: a.retrying + b.retrying,
    failed: a.failed + b.failed,
    byFailure,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    unreadableLines: a.unreadableLines + b.unreadableLines,
  };
}

/** USD for these tokens at one price list; an on-demand run is paid at on-demand prices. */
export function costOf(
  tokens: { inputTokens: number; outputTokens: number },
  prices: ModelPrices | undefined,
  kind: ShardKind | "on-demand-equivalent",
): number {
  if (!prices) return 0;
  const list = kind === "batch" ? prices.batch : prices.onDemand;
  const usd =
    (tokens.inputTokens * list.inputPerMillion + tokens.outputTokens * list.outputPerMillion) / 1_000_000;
  // Micro-dollars: enough for a single record's cost, and stable when summed in any order.
  return Math.round(usd * 1_000_000) / 1_000_000;
}
