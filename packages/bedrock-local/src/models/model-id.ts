/** Geography prefixes of cross-region inference-profile ids (`us.anthropic…`, `global.amazon…`). */
const PROFILE_PREFIX = /^(?:us|us-gov|eu|apac|ap|ca|jp|au|global)\./;

/**
 * The foundation-model id behind a model id, inference-profile id or ARN:
 * `arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0` and `us.amazon.nova-lite-v1:0` both give
 * `amazon.nova-lite-v1:0`. Opaque ids (application inference profiles, provisioned models) come back unchanged.
 */
export function baseModelId(modelId: string): string {
  const resource = modelId.startsWith("arn:") ? modelId.slice(modelId.lastIndexOf("/") + 1) : modelId;
  return resource.replace(PROFILE_PREFIX, "");
}
