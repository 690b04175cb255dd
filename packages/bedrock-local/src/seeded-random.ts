import { createHash } from "node:crypto";

/** A deterministic generator of numbers in [0, 1) for a seed (xorshift32): reproducible "randomness". */
export function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}
