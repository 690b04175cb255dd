import type { RecapConfigInput } from "./schema.ts";

/** Types `recap.config.ts` as you write it; the values are validated when a service loads them. */
export function defineConfig(config: RecapConfigInput): RecapConfigInput {
  return config;
}
