import { describe, expect, test } from "vitest";
import { chunkRanges } from "./chunk-ranges.ts";
import { linesInRange } from "./ranged-lines.ts";

/** The file's bytes from `from`, cut into pieces of random sizes, as a network stream would deliver them. */
async function* pieces(file: Buffer, from: number, random: () => number): AsyncGenerator<Uint8Array> {
  for (let at = from; at < file.length; ) {
    const size = 1 + Math.floor(random() * 40);
    yield file.subarray(at, at + size);
    at += size;
  }
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe("linesInRange", () => {
  test("adjacent chunks yield every line of a file exactly once, whatever the boundaries", async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seeded(seed);
      const lines = Array.from(
        { length: 1 + Math.floor(random() * 30) },
        (_, i) =>
          // Multi-byte characters, so a boundary can fall inside a character as well as inside a line.
          `{"recordId":"R${i}","text":"${"é日".repeat(Math.floor(random() * 12))}"}`,
      );
      const file = Buffer.from(lines.join("\n") + (random() < 0.5 ? "\n" : ""));
      const chunkBytes = 1 + Math.floor(random() * 120);
      const seen: string[] = [];
      for (const range of chunkRanges([{ key: "k", size: file.length }], chunkBytes))
        seen.push(
          ...(await collect(linesInRange(pieces(file, Math.max(0, range.start - 1), random), range))),
        );
      expect(seen, `seed ${seed}, chunks of ${chunkBytes} bytes`).toEqual(lines);
    }
  });

  test("a chunk that starts exactly at a line's first byte owns that line", async () => {
    const file = Buffer.from("aaa\nbbb\nccc\n");
    const second = await collect(linesInRange(pieces(file, 3, Math.random), { start: 4, end: 8 }));
    expect(second).toEqual(["bbb"]);
  });

  test("blank lines are skipped", async () => {
    const file = Buffer.from("a\n\n  \nb\n");
    expect(await collect(linesInRange(pieces(file, 0, Math.random), { start: 0, end: file.length }))).toEqual(
      ["a", "b"],
    );
  });
});
