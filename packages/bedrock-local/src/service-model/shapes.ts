/**
 * The input shapes of the Bedrock operations this emulator serves, transcribed from botocore's service model
 * `botocore/data/bedrock/2023-04-20/service-2.json` (boto/botocore, last changed in commit 042fb28a,
 * 2026-06-09): types, required members, enums, patterns, lengths and ranges, nothing else. Only the shapes
 * these operations reach are here; the JSON itself is not vendored.
 *
 * Patterns are the model's, matched against the whole value as AWS's validation matches them. One is
 * rewritten where JavaScript's backtracking regex engine would take exponential time on a hostile value; the
 * rewrite accepts the same strings within the shape's length bounds (see shapes.test.ts).
 */
export type Shape =
  | {
      type: "string";
      min?: number;
      max?: number;
      pattern?: string;
      /** The model's own pattern, quoted in messages where `pattern` is an equivalent rewrite of it. */
      modelPattern?: string;
      enum?: readonly string[];
    }
  | { type: "integer"; min?: number; max?: number }
  | { type: "timestamp" }
  | { type: "list"; member: string; min?: number; max?: number }
  | {
      type: "structure";
      /** Member name → shape name; every shape named is in SHAPES (shapes.test.ts checks). */
      members: Readonly<Record<string, string>>;
      required?: readonly string[];
      /** Exactly one member is set (a tagged union). */
      union?: boolean;
    };

const JOB_STATUSES = [
  "Submitted",
  "InProgress",
  "Completed",
  "Failed",
  "Stopping",
  "Stopped",
  "PartiallyCompleted",
  "Expired",
  "Validating",
  "Scheduled",
] as const;

export const SHAPES = {
  // CreateModelInvocationJob
  CreateModelInvocationJobRequest: {
    type: "structure",
    required: ["jobName", "roleArn", "modelId", "inputDataConfig", "outputDataConfig"],
    members: {
      jobName: "ModelInvocationJobName",
      roleArn: "RoleArn",
      clientRequestToken: "ModelInvocationIdempotencyToken",
      modelId: "ModelId",
      inputDataConfig: "ModelInvocationJobInputDataConfig",
      outputDataConfig: "ModelInvocationJobOutputDataConfig",
      vpcConfig: "VpcConfig",
      timeoutDurationInHours: "ModelInvocationJobTimeoutDurationInHours",
      tags: "TagList",
      modelInvocationType: "ModelInvocationType",
    },
  },
  ModelInvocationJobName: {
    type: "string",
    min: 1,
    max: 63,
    // Model: [a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\+\-\.]){0,63}. The class in the group holds `-`, so `-*` and
    // the class can split a run of dashes in 2^n ways; within 63 characters both accept exactly this.
    pattern: "[a-zA-Z0-9][a-zA-Z0-9+\\-.]*",
    modelPattern: "[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}",
  },
  RoleArn: { type: "string", min: 0, max: 2048, pattern: "arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+" },
  ModelInvocationIdempotencyToken: {
    type: "string",
    min: 1,
    max: 256,
    pattern: "[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}",
  },
  ModelId: {
    type: "string",
    min: 1,
    max: 2048,
    pattern:
      "(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/[a-z0-9-]{1,63}[.]{1}[a-z0-9-:]{1,63}/[a-z0-9]{12}$)|(:foundation-model/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})|(([0-9a-zA-Z][_-]?)+)$)|([0-9]{12}:(inference-profile|application-inference-profile)/[a-zA-Z0-9-:.]+$)))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})|(([0-9a-zA-Z][_-]?)+)",
  },
  ModelInvocationJobInputDataConfig: {
    type: "structure",
    union: true,
    members: { s3InputDataConfig: "ModelInvocationJobS3InputDataConfig" },
  },
  ModelInvocationJobS3InputDataConfig: {
    type: "structure",
    required: ["s3Uri"],
    members: { s3InputFormat: "S3InputFormat", s3Uri: "S3Uri", s3BucketOwner: "AccountId" },
  },
  S3InputFormat: { type: "string", enum: ["JSONL"] },
  S3Uri: {
    type: "string",
    min: 1,
    max: 1024,
    pattern: "s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?",
  },
  AccountId: { type: "string", pattern: "[0-9]{12}" },
  ModelInvocationJobOutputDataConfig: {
    type: "structure",
    union: true,
    members: { s3OutputDataConfig: "ModelInvocationJobS3OutputDataConfig" },
  },
  ModelInvocationJobS3OutputDataConfig: {
    type: "structure",
    required: ["s3Uri"],
    members: { s3Uri: "S3Uri", s3EncryptionKeyId: "KmsKeyId", s3BucketOwner: "AccountId" },
  },
  KmsKeyId: {
    type: "string",
    min: 1,
    max: 2048,
    pattern:
      "(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key/[a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)))|([a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)",
  },
  VpcConfig: {
    type: "structure",
    required: ["subnetIds", "securityGroupIds"],
    members: { subnetIds: "SubnetIds", securityGroupIds: "SecurityGroupIds" },
  },
  SubnetIds: { type: "list", member: "SubnetId", min: 1, max: 16 },
  SubnetId: { type: "string", min: 0, max: 32, pattern: "[-0-9a-zA-Z]+" },
  SecurityGroupIds: { type: "list", member: "SecurityGroupId", min: 1, max: 5 },
  SecurityGroupId: { type: "string", min: 0, max: 32, pattern: "[-0-9a-zA-Z]+" },
  ModelInvocationJobTimeoutDurationInHours: { type: "integer", min: 24, max: 168 },
  TagList: { type: "list", member: "Tag", min: 0, max: 200 },
  Tag: { type: "structure", required: ["key", "value"], members: { key: "TagKey", value: "TagValue" } },
  TagKey: { type: "string", min: 1, max: 128, pattern: "[a-zA-Z0-9\\s._:/=+@-]*" },
  TagValue: { type: "string", min: 0, max: 256, pattern: "[a-zA-Z0-9\\s._:/=+@-]*" },
  ModelInvocationType: { type: "string", enum: ["InvokeModel", "Converse"] },

  // GetModelInvocationJob, StopModelInvocationJob
  JobIdentifierRequest: {
    type: "structure",
    required: ["jobIdentifier"],
    members: { jobIdentifier: "ModelInvocationJobIdentifier" },
  },
  ModelInvocationJobIdentifier: {
    type: "string",
    min: 0,
    max: 1011,
    pattern: "((arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job/)?[a-z0-9]{12})",
  },

  // ListModelInvocationJobs
  ListModelInvocationJobsRequest: {
    type: "structure",
    members: {
      submitTimeAfter: "Timestamp",
      submitTimeBefore: "Timestamp",
      statusEquals: "ModelInvocationJobStatus",
      nameContains: "ModelInvocationJobName",
      maxResults: "MaxResults",
      nextToken: "PaginationToken",
      sortBy: "SortJobsBy",
      sortOrder: "SortOrder",
    },
  },
  Timestamp: { type: "timestamp" },
  ModelInvocationJobStatus: { type: "string", enum: JOB_STATUSES },
  MaxResults: { type: "integer", min: 1, max: 1000 },
  PaginationToken: { type: "string", min: 1, max: 2048, pattern: "\\S*" },
  SortJobsBy: { type: "string", enum: ["CreationTime"] },
  SortOrder: { type: "string", enum: ["Ascending", "Descending"] },

  // TagResource, UntagResource, ListTagsForResource
  TagResourceRequest: {
    type: "structure",
    required: ["resourceARN", "tags"],
    members: { resourceARN: "TaggableResourcesArn", tags: "TagList" },
  },
  UntagResourceRequest: {
    type: "structure",
    required: ["resourceARN", "tagKeys"],
    members: { resourceARN: "TaggableResourcesArn", tagKeys: "TagKeyList" },
  },
  ListTagsForResourceRequest: {
    type: "structure",
    required: ["resourceARN"],
    members: { resourceARN: "TaggableResourcesArn" },
  },
  TagKeyList: { type: "list", member: "TagKey", min: 0, max: 200 },
  TaggableResourcesArn: {
    type: "string",
    min: 20,
    max: 1011,
    pattern:
      ".*(^[a-zA-Z0-9][a-zA-Z0-9\\-]*$)|(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model/(imported)/[a-z0-9]{12}$)|(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:([0-9]{12}|)((:(fine-tuning-job|model-customization-job|custom-model)/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12})$)|(:guardrail/[a-z0-9]+$)|(:automated-reasoning-policy/[a-zA-Z0-9]+(:[a-zA-Z0-9]+)?$)|(:(inference-profile|application-inference-profile)/[a-zA-Z0-9-:.]+$)|(:(provisioned-model|model-invocation-job|model-evaluation-job|evaluation-job|model-import-job|imported-model|async-invoke|provisioned-model-v2|provisioned-model-reservation|prompt-router|custom-model-deployment)/[a-z0-9]{12}$))).*",
  },

  // GetFoundationModel, ListFoundationModels
  GetFoundationModelRequest: {
    type: "structure",
    required: ["modelIdentifier"],
    members: { modelIdentifier: "GetFoundationModelIdentifier" },
  },
  GetFoundationModelIdentifier: {
    type: "string",
    min: 1,
    max: 2048,
    pattern:
      "(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})",
  },
  ListFoundationModelsRequest: {
    type: "structure",
    members: {
      byProvider: "Provider",
      byCustomizationType: "ModelCustomization",
      byOutputModality: "ModelModality",
      byInferenceType: "InferenceType",
    },
  },
  Provider: { type: "string", pattern: "[A-Za-z0-9- ]{1,63}" },
  ModelCustomization: { type: "string", enum: ["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"] },
  ModelModality: { type: "string", enum: ["TEXT", "IMAGE", "EMBEDDING"] },
  InferenceType: { type: "string", enum: ["ON_DEMAND", "PROVISIONED"] },
} as const satisfies Record<string, Shape>;

export type ShapeName = keyof typeof SHAPES;
