import { readFile } from "node:fs/promises";
import {
  CONFIG_MODE_ENV,
  CONFIG_OVERRIDES_ENV,
  loadConfig,
  type RecapConfig,
  type RecapConfigInput,
} from "@recap/shared";

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** What a test or `recap dev --config` changes in `recap.config.ts`, deep-merged over its local settings. */
export type ConfigOverrides = DeepPartial<Omit<RecapConfigInput, "local">>;

/** The variables that make a worker load the local configuration, with these overrides. */
export function configEnvironment(overrides: unknown): Record<string, string> {
  return {
    [CONFIG_MODE_ENV]: "local",
    ...(overrides === undefined ? {} : { [CONFIG_OVERRIDES_ENV]: JSON.stringify(overrides) }),
  };
}

/**
 * The configuration every worker will load, resolved here exactly as they will: a bad override fails the
 * stack's start with InvalidConfigError, not each worker's first batch.
 */
export function localConfig(overrides: unknown): RecapConfig {
  return loadConfig(configEnvironment(overrides));
}

/** A JSON file of overrides (`recap dev --config`), checked by resolving it; a bad one names the file. */
export async function readConfigOverrides(file: string): Promise<ConfigOverrides> {
  let overrides: unknown;
  try {
    overrides = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`--config ${file}: ${(error as Error).message}`);
  }
  try {
    localConfig(overrides);
  } catch (error) {
    throw new Error(`--config ${file}: ${(error as Error).message}`);
  }
  return overrides as ConfigOverrides;
}
