/**
 * How many bytes of referenced transcripts one invocation holds at once. Lambda hands ingest-normalizer up to
 * ten records and processes them together; each referenced body is read, decoded and parsed in memory, so ten
 * of the largest at once would hold ten times what one needs. A record waits here, its S3 response open but
 * unread, until its bytes fit; a small transcript rarely waits, a large one waits for the one before.
 * Granted in arrival order, so a large body is not passed over forever by small ones.
 */
export class ByteBudget {
  readonly #capacity: number;
  #inUse = 0;
  readonly #waiting: Array<{ bytes: number; grant: () => void }> = [];

  constructor(capacity: number) {
    if (!(capacity > 0)) throw new RangeError(`a byte budget needs a positive capacity, not ${capacity}`);
    this.#capacity = capacity;
  }

  /** Bytes held now, for tests and logs. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Runs `work` once `bytes` fit in the budget (a body larger than the whole budget waits for all of it). */
  async hold<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    const weight = Math.min(Math.max(bytes, 0), this.#capacity);
    if (this.#waiting.length > 0 || this.#inUse + weight > this.#capacity)
      await new Promise<void>((grant) => this.#waiting.push({ bytes: weight, grant }));
    else this.#inUse += weight;
    try {
      return await work();
    } finally {
      this.#inUse -= weight;
      this.#grantWaiting();
    }
  }

  #grantWaiting(): void {
    for (let next = this.#waiting[0]; next; next = this.#waiting[0]) {
      if (this.#inUse + next.bytes > this.#capacity) return;
      this.#waiting.shift();
      this.#inUse += next.bytes;
      next.grant();
    }
  }
}
