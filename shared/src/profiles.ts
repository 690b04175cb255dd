import { loadConfig } from "./config/load.ts";
import type { ModelConfig, RecapConfig, SummaryProfile } from "./config/schema.ts";
import { familyOf, type ModelFamily } from "./models/family.ts";
import { type PromptTemplate, promptTemplates } from "./prompts/templates.ts";

export type { SummaryProfile } from "./config/schema.ts";

/**
 * A summary profile (declared in `recap.config.ts`): which model summarizes, with which prompt, how much
 * transcript it takes, whether personal data is redacted, and what happens to a tail below the job minimum.
 * Producers pick one per transcript (`profile`); `default` when they do not.
 */
export function profileNamed(name: string, config: RecapConfig = loadConfig()): SummaryProfile | undefined {
  return Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
}

export function profileNames(config: RecapConfig = loadConfig()): string[] {
  return Object.keys(config.profiles);
}

/** Everything a stage needs to build or read a profile's records, resolved once. */
export interface ResolvedProfile {
  name: string;
  profile: SummaryProfile;
  model: ModelConfig;
  family: ModelFamily;
  template: PromptTemplate;
}

export class UnknownProfileError extends Error {
  override readonly name = "UnknownProfileError";
}

export function resolveProfile(name: string, config: RecapConfig = loadConfig()): ResolvedProfile {
  const profile = profileNamed(name, config);
  if (!profile) {
    throw new UnknownProfileError(`unknown profile "${name}"; known: ${profileNames(config).join(", ")}`);
  }
  const model = config.models[profile.modelId];
  if (!model)
    throw new UnknownProfileError(`profile "${name}" names model ${profile.modelId}, not configured`);
  return {
    name,
    profile,
    model,
    family: familyOf(profile.modelId, profile.invocationType),
    template: promptTemplates[profile.prompt],
  };
}
