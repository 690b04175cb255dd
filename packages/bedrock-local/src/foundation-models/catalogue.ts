/**
 * The foundation models GetFoundationModel and ListFoundationModels describe: the models Recap configures or
 * may move to. Every date is fixed, as Bedrock's model cards and lifecycle pages give it (read December 2026
 * from the stored AWS documentation; each entry names its source). A date no source gave is left out rather
 * than guessed: every lifecycle date is optional in Bedrock's API too.
 *
 * `status` is the model's state in this emulator's region. `EOL` is not a status Bedrock's API returns: after
 * its end of life a model is gone from GetFoundationModel and ListFoundationModels ("After the EOL date, the
 * model version can only be found on this documentation page", Model lifecycle), and every call naming it
 * fails (see lifecycle-guard.ts).
 */
export type LifecycleStatus = "ACTIVE" | "LEGACY" | "EOL";

export interface CatalogueModel {
  modelId: string;
  /** At most 20 characters (BrandedName in the service model). */
  modelName: string;
  providerName: string;
  inputModalities: ReadonlyArray<"TEXT" | "IMAGE">;
  outputModalities: ReadonlyArray<"TEXT">;
  /**
   * `INFERENCE_PROFILE`: callable only through a cross-Region inference profile, as ListFoundationModels
   * reports such models (not in the SDK's enum, which the SDK does not enforce on output).
   */
  inferenceTypesSupported: ReadonlyArray<"ON_DEMAND" | "PROVISIONED" | "INFERENCE_PROFILE">;
  lifecycle: {
    status: LifecycleStatus;
    startOfLifeTime?: string;
    legacyTime?: string;
    publicExtendedAccessTime?: string;
    endOfLifeTime?: string;
  };
  /** Where the entry's facts come from. */
  source: string;
}

const CARD = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-";
const LIFECYCLE = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html";

export const FOUNDATION_MODELS: readonly CatalogueModel[] = [
  {
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    modelName: "Claude 3 Haiku",
    providerName: "Anthropic",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["ON_DEMAND"],
    // The card: launched 2024-03-13, EOL 2026-09-10 "in most Regions"; still Legacy in some (ap-northeast-2).
    // Recap runs it, so the emulator serves it as a Legacy model: usable, with its EOL date shown.
    lifecycle: {
      status: "LEGACY",
      startOfLifeTime: "2024-03-13T00:00:00Z",
      endOfLifeTime: "2026-09-10T00:00:00Z",
    },
    source: `${CARD}anthropic-claude-3-haiku.html`,
  },
  {
    modelId: "anthropic.claude-3-5-haiku-20241022-v1:0",
    modelName: "Claude 3.5 Haiku",
    providerName: "Anthropic",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["ON_DEMAND"],
    lifecycle: {
      status: "EOL",
      startOfLifeTime: "2024-11-04T00:00:00Z",
      endOfLifeTime: "2026-06-19T00:00:00Z",
    },
    source: `${CARD}anthropic-claude-3-5-haiku.html`,
  },
  {
    modelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    modelName: "Claude Sonnet 4",
    providerName: "Anthropic",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["INFERENCE_PROFILE"],
    // End of life on Bedrock in October 2026; the stored documentation gave no day, so none is shown.
    lifecycle: { status: "EOL" },
    source: LIFECYCLE,
  },
  {
    modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
    modelName: "Claude Haiku 4.5",
    providerName: "Anthropic",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["INFERENCE_PROFILE"],
    lifecycle: { status: "ACTIVE", startOfLifeTime: "2025-10-16T00:00:00Z" },
    source: `${CARD}anthropic-claude-haiku-4-5.html`,
  },
  {
    modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    modelName: "Claude Sonnet 4.5",
    providerName: "Anthropic",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["INFERENCE_PROFILE"],
    lifecycle: { status: "ACTIVE", startOfLifeTime: "2025-09-29T00:00:00Z" },
    source: `${CARD}anthropic-claude-sonnet-4-5.html`,
  },
  {
    modelId: "amazon.nova-lite-v1:0",
    modelName: "Nova Lite",
    providerName: "Amazon",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["ON_DEMAND"],
    lifecycle: { status: "ACTIVE", startOfLifeTime: "2024-12-04T00:00:00Z" },
    source: LIFECYCLE,
  },
  {
    modelId: "amazon.nova-micro-v1:0",
    modelName: "Nova Micro",
    providerName: "Amazon",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["ON_DEMAND"],
    lifecycle: { status: "ACTIVE", startOfLifeTime: "2024-12-04T00:00:00Z" },
    source: LIFECYCLE,
  },
  {
    modelId: "amazon.nova-pro-v1:0",
    modelName: "Nova Pro",
    providerName: "Amazon",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["ON_DEMAND"],
    lifecycle: { status: "ACTIVE" },
    source: LIFECYCLE,
  },
  {
    modelId: "amazon.nova-2-lite-v1:0",
    modelName: "Nova 2 Lite",
    providerName: "Amazon",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
    // Cross-Region inference only (us.amazon.nova-2-lite-v1:0), per its card.
    inferenceTypesSupported: ["INFERENCE_PROFILE"],
    lifecycle: { status: "ACTIVE", startOfLifeTime: "2025-12-02T00:00:00Z" },
    source: `${CARD}amazon-nova-2-lite.html`,
  },
  {
    modelId: "meta.llama3-1-70b-instruct-v1:0",
    modelName: "Llama 3.1 70B",
    providerName: "Meta",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["ON_DEMAND"],
    lifecycle: { status: "ACTIVE", startOfLifeTime: "2024-07-23T00:00:00Z" },
    source: `${CARD}meta-llama-3-1-70b-instruct.html`,
  },
  {
    modelId: "meta.llama3-1-8b-instruct-v1:0",
    modelName: "Llama 3.1 8B",
    providerName: "Meta",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    inferenceTypesSupported: ["ON_DEMAND"],
    lifecycle: { status: "ACTIVE" },
    source: LIFECYCLE,
  },
];
