// The pure contracts: schemas, events, topology, config, prompts. Nothing here loads an AWS client,
// SST's Resource or Powertools; those live in ./runtime.ts (@recap/shared/runtime).
export * from "./backoff.ts";
export * from "./catalogue.ts";
export * from "./catalogue-markdown.ts";
export * from "./config/define.ts";
export * from "./config/load.ts";
export * from "./config/schema.ts";
export * from "./decode.ts";
export * from "./envelope.ts";
export * from "./errors.ts";
export * from "./events/eventbridge.ts";
export * from "./events/harvest.ts";
export * from "./events/job.ts";
export * from "./events/record.ts";
export * from "./events/shard.ts";
export * from "./events/summary.ts";
export * from "./events/transcript.ts";
export * from "./ids.ts";
export * from "./models/family.ts";
export * from "./models/model-input.ts";
export * from "./models/model-output.ts";
export * from "./profiles.ts";
export * from "./prompts/render-turns.ts";
export * from "./prompts/templates.ts";
export * from "./record-map.ts";
export * from "./topology.ts";
export * from "./transcript.ts";
