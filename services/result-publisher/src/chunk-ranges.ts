/** A byte range of one output file: the chunk owns every line that starts in [start, end). */
export interface ChunkRange {
  key: string;
  start: number;
  end: number;
}

/**
 * 8 MiB of output is about 2,000 records of a few kilobytes: a minute's harvest at most, so a crash repeats
 * little, and a 200 MB output becomes 25 chunks that several instances take at once.
 */
export const CHUNK_BYTES = 8 * 1024 * 1024;

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
