/**
 * A virtual clock: events run in time order (ties in the order they were scheduled), and time jumps
 * straight to the next event, so a simulated day costs only its events.
 */
interface Scheduled {
  at: number;
  seq: number;
  run: (now: number) => void;
}

export class EventQueue {
  #seq = 0;
  readonly #heap: Scheduled[] = [];
  #now = 0;

  get now(): number {
    return this.#now;
  }

  at(time: number, run: (now: number) => void): void {
    if (time < this.#now) throw new Error(`event scheduled in the past: ${time} < ${this.#now}`);
    this.#heap.push({ at: time, seq: this.#seq++, run });
    this.#siftUp(this.#heap.length - 1);
  }

  /** Runs every event, including those the events schedule, until none is left. */
  drain(): void {
    for (let next = this.#pop(); next; next = this.#pop()) {
      this.#now = next.at;
      next.run(next.at);
    }
  }

  #earlier(a: Scheduled, b: Scheduled): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #siftUp(start: number): void {
    const heap = this.#heap;
    const item = heap[start] as Scheduled;
    let i = start;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as Scheduled;
      if (!this.#earlier(item, parent)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = item;
  }

  #pop(): Scheduled | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (!top || !last || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && this.#earlier(heap[right] as Scheduled, heap[left] as Scheduled)
          ? right
          : left;
      if (!this.#earlier(heap[child] as Scheduled, last)) break;
      heap[i] = heap[child] as Scheduled;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
