/** What `endpoints.json` records of `--lambda-limits`: applied, or why not. */
export interface LambdaLimitsRecord {
  applied: boolean;
  reason?: string | undefined;
}

/** One line for `recap dev` and `recap status`: whether the workers run as tight as Lambda's. */
export function lambdaLimitsText(record: LambdaLimitsRecord): string {
  return record.applied
    ? "each worker within its function's Lambda memory and memoryMb/1769 of a core (cgroups)"
    : `asked for but not applied, so the workers run unlimited: ${record.reason ?? "no reason recorded"}`;
}
