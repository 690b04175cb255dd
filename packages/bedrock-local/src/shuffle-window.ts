import { seededRandom } from "./seeded-random.ts";

/**
 * Bedrock does not keep input order in its output. This releases items from a small window in a seeded
 * pseudo-random order, so consumers that join by line instead of by recordId fail here as they would on AWS,
 * reproducibly for a given seed.
 */
export class ShuffleWindow<T> {
  readonly #items: T[] = [];
  readonly #size: number;
  readonly #random: () => number;

  constructor(seed: string, size = 16) {
    this.#size = size;
    this.#random = seededRandom(seed);
  }

  /** Adds an item; returns one to release once the window is full. */
  push(item: T): T | undefined {
    this.#items.push(item);
    return this.#items.length > this.#size ? this.#takeRandom() : undefined;
  }

  /** Everything still held, in shuffled order. */
  drain(): T[] {
    const rest: T[] = [];
    while (this.#items.length > 0) rest.push(this.#takeRandom());
    return rest;
  }

  #takeRandom(): T {
    const index = Math.floor(this.#random() * this.#items.length);
    const [item] = this.#items.splice(index, 1);
    return item as T;
  }
}
