/** One table's part of a BatchGetItem: its keys and how to read them (projection, names, consistency). */
export interface KeysAndAttributes {
  Keys: Array<Record<string, unknown>>;
  [option: string]: unknown;
}
export type BatchGetRequestItems = Record<string, KeysAndAttributes>;

/**
 * Draws which keys of a BatchGetItem are left unprocessed, each with probability `rate`, as AWS may leave any
 * (throttling, the 16 MB response limit, a partition busy). What is held back keeps its table's read options,
 * as AWS's `UnprocessedKeys` does, so it can be sent again as it is. At least one key is always processed:
 * when AWS can process none it throws ProvisionedThroughputExceededException instead, another fault.
 */
export function holdBackKeys(
  requestItems: BatchGetRequestItems,
  rate: number,
  draw: () => number,
): { processed: BatchGetRequestItems; unprocessed: BatchGetRequestItems } {
  const processed: BatchGetRequestItems = {};
  const unprocessed: BatchGetRequestItems = {};
  for (const [table, { Keys, ...options }] of Object.entries(requestItems)) {
    for (const key of Keys) {
      const into = draw() < rate ? unprocessed : processed;
      const part = into[table] ?? { ...options, Keys: [] };
      part.Keys.push(key);
      into[table] = part;
    }
  }
  if (Object.keys(processed).length === 0) {
    const [table, held] = Object.entries(unprocessed)[0] ?? [];
    if (table && held) {
      const [first, ...rest] = held.Keys;
      processed[table] = { ...held, Keys: first ? [first] : [] };
      if (rest.length > 0) held.Keys = rest;
      else delete unprocessed[table];
    }
  }
  return { processed, unprocessed };
}

/** The answer for the keys processed, with the held-back keys added to whatever it left unprocessed itself. */
export function withUnprocessed<T extends { UnprocessedKeys?: BatchGetRequestItems }>(
  answer: T,
  unprocessed: BatchGetRequestItems,
): T {
  const merged: BatchGetRequestItems = { ...(answer.UnprocessedKeys ?? {}) };
  for (const [table, held] of Object.entries(unprocessed)) {
    const already = merged[table];
    merged[table] = already ? { ...already, Keys: [...already.Keys, ...held.Keys] } : held;
  }
  return { ...answer, UnprocessedKeys: merged };
}
