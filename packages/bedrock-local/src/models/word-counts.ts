const MAX_GENERATION = 2 ** 31 - 1;

/**
 * How often each word of a call comes up, by its hash (see `word-hash.ts`): an open-addressing table in typed
 * arrays, emptied and refilled for each call. A `Map` built per call cost about three times more on V8, most
 * of it growing and rehashing as the words come in.
 */
export class WordCounts {
  private keys = new Int32Array(0);
  private counts = new Int32Array(0);
  /** The {@link generation} a slot was filled in: older slots are empty, so emptying the table is one increment. */
  private filledIn = new Int32Array(0);
  private generation = 0;
  /** Slots are the top bits of a multiplicative hash of the word hash. */
  private shift = 32;
  private mask = 0;

  /**
   * Empties the table and readies it for up to `capacity` distinct words, reusing its arrays when they are big
   * enough. It stays at most half full, so probes stay short.
   */
  clear(capacity: number): void {
    this.generation++;
    if (this.generation === MAX_GENERATION) {
      this.filledIn.fill(0);
      this.generation = 1;
    }
    if (2 * capacity < this.keys.length) return;
    const bits = Math.max(4, Math.ceil(Math.log2(2 * capacity + 1)));
    this.keys = new Int32Array(1 << bits);
    this.counts = new Int32Array(1 << bits);
    this.filledIn = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  /** How many times `word` was added since the table was last emptied. */
  count(word: number): number {
    for (
      let slot = this.slotOf(word);
      this.filledIn[slot] === this.generation;
      slot = (slot + 1) & this.mask
    ) {
      if (this.keys[slot] === word) return this.counts[slot] ?? 0;
    }
    return 0;
  }

  add(word: number): void {
    let slot = this.slotOf(word);
    while (this.filledIn[slot] === this.generation && this.keys[slot] !== word) slot = (slot + 1) & this.mask;
    if (this.filledIn[slot] === this.generation) {
      this.counts[slot] = (this.counts[slot] ?? 0) + 1;
    } else {
      this.filledIn[slot] = this.generation;
      this.keys[slot] = word;
      this.counts[slot] = 1;
    }
  }

  /** Fibonacci hashing: word hashes that differ only in their high bits still land in different slots. */
  private slotOf(word: number): number {
    return Math.imul(word, 0x9e3779b1) >>> this.shift;
  }
}
