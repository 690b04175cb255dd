import { z } from "zod";
import type { AppliedValues } from "./applied-values.ts";
import { BEDROCK_BATCH_QUOTAS, type CatalogueQuota } from "./bedrock-batch-quotas.ts";
import { illegalArgument, noSuchResource, unknownOperation } from "./errors.ts";
import { offsetOf, pageToken } from "./page-token.ts";

/** A quota as Service Quotas returns it: the members of `@aws-sdk/client-service-quotas`' ServiceQuota. */
export interface WireQuota {
  ServiceCode: "bedrock";
  ServiceName: "Amazon Bedrock";
  QuotaArn: string;
  QuotaCode: string;
  QuotaName: string;
  Value: number;
  Unit: "None";
  Adjustable: boolean;
  GlobalQuota: false;
  QuotaAppliedAtLevel: "ACCOUNT";
  Description: string;
}

export interface QuotaAccount {
  region: string;
  account: string;
  /** The account's applied values now: tests change them while the endpoint runs. */
  applied(): AppliedValues;
  /** Page size when a listing gives no MaxResults ("a value appropriate to the operation"). */
  defaultPageSize: number;
}

// botocore's constraints on the members these operations take.
const serviceCode = z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{1,63}$/, "ServiceCode is not a service code");
const quotaCode = z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{1,128}$/, "QuotaCode is not a quota code");
const listRequest = z.object({
  ServiceCode: serviceCode,
  NextToken: z
    .string()
    .max(2048)
    .regex(/^[a-zA-Z0-9/+]*={0,2}$/)
    .optional(),
  MaxResults: z.number().int().min(1).max(100).optional(),
  QuotaCode: quotaCode.optional(),
  QuotaAppliedAtLevel: z.enum(["ACCOUNT", "RESOURCE", "ALL"]).optional(),
});
const getRequest = z.object({
  ServiceCode: serviceCode,
  QuotaCode: quotaCode,
  ContextId: z.string().optional(),
});

/** Service Quotas operations AWS has and this endpoint does not emulate: Recap reads quotas, changes none. */
const NOT_EMULATED = new Set([
  "AssociateServiceQuotaTemplate",
  "DeleteServiceQuotaIncreaseRequestFromTemplate",
  "DisassociateServiceQuotaTemplate",
  "GetAssociationForServiceQuotaTemplate",
  "GetRequestedServiceQuotaChange",
  "GetServiceQuotaIncreaseRequestFromTemplate",
  "ListRequestedServiceQuotaChangeHistory",
  "ListRequestedServiceQuotaChangeHistoryByQuota",
  "ListServiceQuotaIncreaseRequestsInTemplate",
  "ListServices",
  "ListTagsForResource",
  "PutServiceQuotaIncreaseRequestIntoTemplate",
  "RequestServiceQuotaIncrease",
  "TagResource",
  "UntagResource",
]);

/** Quotas in the order the General Reference lists them: by name. */
const BY_NAME = [...BEDROCK_BATCH_QUOTAS].sort((a, b) => a.QuotaName.localeCompare(b.QuotaName, "en"));

/**
 * Service Quotas for ServiceCode `bedrock`, answering as AWS does: ListServiceQuotas and GetServiceQuota
 * read the account's applied values (a quota with none is not there), ListAWSDefaultServiceQuotas and
 * GetAWSDefaultServiceQuota AWS's defaults. Every other service code is unknown here.
 */
export function serviceQuotasOperations(account: QuotaAccount) {
  const appliedArn = (code: string) =>
    `arn:aws:servicequotas:${account.region}:${account.account}:bedrock/${code}`;
  // Default quotas belong to no account: AWS leaves the account out of their ARNs.
  const defaultArn = (code: string) => `arn:aws:servicequotas:${account.region}::bedrock/${code}`;
  const appliedQuotas = (): WireQuota[] => {
    const applied = account.applied();
    return BY_NAME.flatMap((q) => {
      const value = applied[q.QuotaCode];
      return value === undefined ? [] : [wire(q, value, appliedArn(q.QuotaCode))];
    });
  };
  const defaultQuotas = () => BY_NAME.map((q) => wire(q, q.defaultValue, defaultArn(q.QuotaCode)));

  return (operation: string, body: unknown): unknown => {
    switch (operation) {
      case "ListServiceQuotas": {
        const request = parse(listRequest, body);
        const levelled = request.QuotaAppliedAtLevel === "RESOURCE" ? [] : appliedQuotas();
        const quotas = levelled.filter((q) => !request.QuotaCode || q.QuotaCode === request.QuotaCode);
        return page(operation, quotas, request, account.defaultPageSize);
      }
      case "ListAWSDefaultServiceQuotas": {
        const request = parse(listRequest.omit({ QuotaCode: true, QuotaAppliedAtLevel: true }), body);
        return page(operation, defaultQuotas(), request, account.defaultPageSize);
      }
      case "GetServiceQuota": {
        const request = parse(getRequest, body);
        const quota = appliedQuotas().find((q) => q.QuotaCode === request.QuotaCode);
        if (!quota)
          throw noSuchResource(
            `The request failed because the specified quota ${request.QuotaCode} has no applied value.`,
          );
        return { Quota: quota };
      }
      case "GetAWSDefaultServiceQuota": {
        const request = parse(getRequest.omit({ ContextId: true }), body);
        const quota = defaultQuotas().find((q) => q.QuotaCode === request.QuotaCode);
        if (!quota)
          throw noSuchResource(
            `The request failed because the specified quota ${request.QuotaCode} does not exist.`,
          );
        return { Quota: quota };
      }
      default:
        throw unknownOperation(
          NOT_EMULATED.has(operation)
            ? `ServiceQuotasV20190624.${operation} is a Service Quotas operation the local endpoint does not emulate.`
            : `No operation ServiceQuotasV20190624.${operation}.`,
        );
    }
  };
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> & { ServiceCode: string } {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw illegalArgument(`Invalid input: ${issue?.path.join(".") || "request"}: ${issue?.message}`);
  }
  const request = parsed.data as z.infer<T> & { ServiceCode: string };
  if (request.ServiceCode !== "bedrock")
    throw noSuchResource(
      `The request failed because the specified service ${request.ServiceCode} does not exist.`,
    );
  return request;
}

function page(
  operation: string,
  quotas: WireQuota[],
  request: { NextToken?: string | undefined; MaxResults?: number | undefined },
  defaultPageSize: number,
) {
  const start = request.NextToken === undefined ? 0 : offsetOf(operation, request.NextToken, quotas.length);
  const end = start + (request.MaxResults ?? defaultPageSize);
  return {
    Quotas: quotas.slice(start, end),
    ...(end < quotas.length ? { NextToken: pageToken(operation, end) } : {}),
  };
}

function wire(quota: CatalogueQuota, value: number, arn: string): WireQuota {
  return {
    ServiceCode: "bedrock",
    ServiceName: "Amazon Bedrock",
    QuotaArn: arn,
    QuotaCode: quota.QuotaCode,
    QuotaName: quota.QuotaName,
    Value: value,
    Unit: "None",
    Adjustable: quota.Adjustable,
    GlobalQuota: false,
    QuotaAppliedAtLevel: "ACCOUNT",
    Description: quota.Description,
  };
}
