/** A byte range of one output file: the chunk owns every line that starts in [start, end). */
export interface ChunkRange {
  key: string;
  start: number;
  end: number;
}

/**
 * 4 MiB of output is about 1,000 records of a few kilobytes: seconds of harvest, so a crash repeats little,
 * a 200 MB output becomes 50 chunks that several instances take at once, and a chunk's peak RSS stays well
 * under 150 MB (at 8 MiB, with the same flags, it was about 150: harvest.bench.ts).
 */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** Pure: splits each `.out` file into byte ranges; empty files need no chunk. */
export function chunkRanges(
  files: Array<{ key: string; size: number }>,
  chunkBytes = CHUNK_BYTES,
): ChunkRange[] {
  const ranges: ChunkRange[] = [];
  for (const { key, size } of [...files].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    for (let start = 0; start < size; start += chunkBytes)
      ranges.push({ key, start, end: Math.min(size, start + chunkBytes) });
  }
  return ranges;
}
