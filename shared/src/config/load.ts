import userConfig from "../../../recap.config.ts";
import { configBodySchema, type RecapConfig, recapConfigSchema } from "./schema.ts";

/** Set by the local stack for its workers; absent on Lambda. */
export const CONFIG_MODE_ENV = "RECAP_MODE";
/** JSON deep-merged over the configuration: how tests and the CLI override it without editing the file. */
export const CONFIG_OVERRIDES_ENV = "RECAP_CONFIG";

export class InvalidConfigError extends Error {
  override readonly name = "InvalidConfigError";
}

let cached: { key: string; config: RecapConfig } | undefined;

/**
 * The configuration in force: `recap.config.ts`, its `local` section when running locally, then any
 * overrides from the environment. Checked once per process; a bad file fails loudly at start, not mid-batch.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RecapConfig {
  const mode = env[CONFIG_MODE_ENV] === "local" ? "local" : "aws";
  const overrides = env[CONFIG_OVERRIDES_ENV] ?? "";
  const key = `${mode}\n${overrides}`;
  if (cached?.key === key) return cached.config;
  const config = resolveConfig(userConfig, mode, overrides ? parseOverrides(overrides) : {});
  cached = { key, config };
  return config;
}

/** Pure: the file's settings, the mode's section, the overrides, validated as one. */
export function resolveConfig(file: unknown, mode: "local" | "aws", overrides: unknown): RecapConfig {
  const parsed = recapConfigSchema.safeParse(file);
  if (!parsed.success) throw new InvalidConfigError(`recap.config.ts is invalid: ${parsed.error.message}`);
  const { local, ...base } = parsed.data;
  const merged = deepMerge(mode === "local" ? deepMerge(base, local) : base, overrides);
  const result = configBodySchema.safeParse(merged);
  if (!result.success) throw new InvalidConfigError(`configuration is invalid: ${result.error.message}`);
  const config = result.data;
  for (const [name, profile] of Object.entries(config.profiles)) {
    if (!config.models[profile.modelId]) {
      throw new InvalidConfigError(
        `profile "${name}" names model ${profile.modelId}, which has no entry in models`,
      );
    }
  }
  return config;
}

function parseOverrides(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidConfigError(`${CONFIG_OVERRIDES_ENV} is not JSON`);
  }
}

/** Objects merge key by key; anything else (arrays, numbers, strings) in `over` replaces what was there. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
