// What a running service needs beyond the contracts: the AWS clients, SST's Resource, Powertools'
// logger and the SQS batch handler. Kept apart from index.ts so a pure import stays light.
export * from "./account-quotas.ts";
export * from "./aws.ts";
export * from "./batch-get-all.ts";
export * from "./conditional-write.ts";
export * from "./logger.ts";
export * from "./publish.ts";
export * from "./query-all.ts";
export * from "./resources.ts";
export * from "./sqs-handler.ts";
