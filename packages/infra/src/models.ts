import userConfig from "../../../recap.config.ts";
import { resolveConfig } from "../../../shared/src/config/load.ts";
import { baseModelId } from "../../../shared/src/models/family.ts";
import { accountId, partition, region } from "./account.ts";

/**
 * Every model a profile names, as the deployed functions see the configuration (`recap.config.ts`, AWS mode,
 * no overrides): the only models job-submitter creates jobs for or invokes.
 */
export const deployedModelIds = [
  ...new Set(Object.values(resolveConfig(userConfig, "aws", {}).profiles).map((p) => p.modelId)),
];

/**
 * What IAM checks when a job or an invocation names this model. A foundation model is regional and has no
 * account. A cross-region inference profile is this account's profile here, and Bedrock also authorizes the
 * foundation model in whichever region the profile routes to, hence `*` in that ARN's region only. A model
 * given by ARN (custom or provisioned) is that ARN.
 */
export function modelArns(modelId: string): $util.Input<string>[] {
  if (modelId.startsWith("arn:")) return [modelId];
  const base = baseModelId(modelId);
  if (base === modelId)
    return [$interpolate`arn:${partition}:bedrock:${region}::foundation-model/${modelId}`];
  return [
    $interpolate`arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${modelId}`,
    $interpolate`arn:${partition}:bedrock:*::foundation-model/${base}`,
  ];
}
