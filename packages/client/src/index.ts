export * from "./publish-transcript.ts";
export * from "./subscribe-to-summaries.ts";
