import { notFound } from "../errors.ts";
import { baseModelId } from "../models/model-id.ts";
import { requireShape } from "../service-model/validate.ts";
import { type CatalogueModel, FOUNDATION_MODELS } from "./catalogue.ts";

/** Bedrock's words for a model version past its end of life. */
export const END_OF_LIFE_MESSAGE =
  "This model version has reached the end of its life. Please refer to the AWS documentation for more details.";

export interface ListFoundationModelsQuery {
  byProvider?: string;
  byCustomizationType?: string;
  byOutputModality?: string;
  byInferenceType?: string;
}

/** A catalogue entry by model id or foundation-model ARN; not by inference-profile id, as on Bedrock. */
function entryOf(identifier: string): CatalogueModel | undefined {
  const id = identifier.startsWith("arn:") ? identifier.slice(identifier.lastIndexOf("/") + 1) : identifier;
  return FOUNDATION_MODELS.find((model) => model.modelId === id);
}

function view(model: CatalogueModel, region: string): Record<string, unknown> {
  const { status, ...dates } = model.lifecycle;
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${model.modelId}`,
    modelId: model.modelId,
    modelName: model.modelName,
    providerName: model.providerName,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: model.inferenceTypesSupported,
    modelLifecycle: { status, ...dates },
  };
}

/**
 * GetFoundationModel: the model's details and lifecycle. A model past its end of life, an inference-profile id
 * and an unknown model are not found, as on Bedrock; an identifier outside the model's pattern is a
 * ValidationException.
 */
export function getFoundationModel(identifier: string, region: string): { modelDetails: unknown } {
  requireShape("GetFoundationModelRequest", { modelIdentifier: identifier });
  const model = entryOf(identifier);
  if (model?.lifecycle.status === "EOL") throw notFound(END_OF_LIFE_MESSAGE);
  if (!model) throw notFound("Could not resolve the foundation model from the provided model identifier.");
  return { modelDetails: view(model, region) };
}

/** ListFoundationModels: every model not past its end of life, filtered as asked. */
export function listFoundationModels(
  query: ListFoundationModelsQuery,
  region: string,
): { modelSummaries: unknown[] } {
  requireShape("ListFoundationModelsRequest", query);
  const models = FOUNDATION_MODELS.filter(
    (model) =>
      model.lifecycle.status !== "EOL" &&
      // No model here can be customized: a customization filter matches none.
      query.byCustomizationType === undefined &&
      (query.byProvider === undefined ||
        model.providerName.toLowerCase() === query.byProvider.toLowerCase()) &&
      (query.byOutputModality === undefined ||
        model.outputModalities.some((m) => m === query.byOutputModality)) &&
      (query.byInferenceType === undefined ||
        model.inferenceTypesSupported.some((t) => t === query.byInferenceType)),
  );
  return { modelSummaries: models.map((model) => view(model, region)) };
}

/**
 * Every call naming a model past its end of life fails, whether by model id, inference-profile id or ARN:
 * CreateModelInvocationJob, InvokeModel and Converse alike.
 */
export function requireModelAlive(modelId: string): void {
  const model = entryOf(baseModelId(modelId));
  if (model?.lifecycle.status === "EOL") throw notFound(END_OF_LIFE_MESSAGE);
}
