import { z } from "zod";
import { BedrockApiError } from "./errors.ts";
import type { ServiceQuota } from "./quota-catalogue.ts";

/** The awsJson1_1 target prefix of the Service Quotas API, as `@aws-sdk/client-service-quotas` sends it. */
export const SERVICE_QUOTAS_TARGET = "ServiceQuotasV20190624.";

/** Service Quotas' own error names (awsJson sends them as `__type`); status 400 as AWS does. */
const illegalArgument = (message: string) => new BedrockApiError("IllegalArgumentException", 400, message);
const noSuchResource = (message: string) => new BedrockApiError("NoSuchResourceException", 400, message);
const badToken = () =>
  new BedrockApiError("InvalidPaginationTokenException", 400, "Invalid pagination token provided.");
export const tooManyRequests = () =>
  new BedrockApiError("TooManyRequestsException", 400, "Rate exceeded, please slow down.");

const listRequestSchema = z.object({
  ServiceCode: z.string().min(1),
  NextToken: z.string().optional(),
  MaxResults: z.number().int().min(1).max(100).optional(),
  QuotaCode: z.string().optional(),
});

const PAGE_SIZE = 100;

/**
 * Service Quotas for ServiceCode `bedrock`: ListServiceQuotas, paged, over the quotas the emulator
 * enforces. Only that operation: Recap reads the account's quotas and changes none.
 */
export function serviceQuotasApi(catalogue: readonly ServiceQuota[]) {
  return (target: string, body: unknown): unknown => {
    const operation = target.slice(SERVICE_QUOTAS_TARGET.length);
    if (operation !== "ListServiceQuotas") {
      throw new BedrockApiError("UnknownOperationException", 400, `Unsupported operation ${operation}.`);
    }
    const parsed = listRequestSchema.safeParse(body);
    if (!parsed.success) throw illegalArgument(`Invalid input: ${parsed.error.issues[0]?.message}`);
    const request = parsed.data;
    if (request.ServiceCode !== "bedrock") {
      throw noSuchResource(`The service ${request.ServiceCode} does not exist or has no quotas here.`);
    }
    const quotas = catalogue.filter((q) => !request.QuotaCode || q.QuotaCode === request.QuotaCode);
    const start = request.NextToken === undefined ? 0 : offsetOf(request.NextToken);
    if (start > quotas.length) throw badToken();
    const end = start + (request.MaxResults ?? PAGE_SIZE);
    return {
      Quotas: quotas.slice(start, end),
      ...(end < quotas.length ? { NextToken: Buffer.from(String(end)).toString("base64url") } : {}),
    };
  };
}

/** The catalogue is fixed for the emulator's life, so an offset is a stable cursor. */
function offsetOf(token: string): number {
  const offset = Number(Buffer.from(token, "base64url").toString());
  if (!Number.isInteger(offset) || offset < 0) throw badToken();
  return offset;
}
