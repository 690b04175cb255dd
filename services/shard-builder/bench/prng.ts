/**
 * Seeded randomness, so every run of the bench draws the same workload and the same job durations.
 * One named stream per purpose: adding a draw to one stream never shifts the numbers of another.
 */

export interface Stream {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal (mean 0, deviation 1). */
  normal(): number;
}

/** FNV-1a of the name: the same name always gives the same stream. */
function seedOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast and good enough for a simulation (not for anything secret). */
export function stream(name: string): Stream {
  let state = seedOf(name);
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box-Muller; the second value of each pair is kept for the next call.
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return { uniform, normal };
}

/** A lognormal value from a standard-normal draw: `median × e^(sigma × z)`. */
export function lognormal(median: number, sigma: number, z: number): number {
  return median * Math.exp(sigma * z);
}
