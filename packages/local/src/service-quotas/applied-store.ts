import { z } from "zod";
import type { AppliedValues } from "./applied-values.ts";
import { BEDROCK_BATCH_QUOTAS } from "./bedrock-batch-quotas.ts";

const CATALOGUED = new Set(BEDROCK_BATCH_QUOTAS.map((q) => q.QuotaCode));

/** Changes to the applied values by quota code: a value applies it (Service Quotas' range), null removes it. */
export const appliedChangesSchema = z.record(
  z.string().refine((code) => CATALOGUED.has(code), { message: "not a catalogued Bedrock batch quota code" }),
  z.number().min(0).max(10_000_000_000).nullable(),
);
export type AppliedChanges = z.infer<typeof appliedChangesSchema>;

/** The account's applied values, changed while the endpoint runs (a test raising a quota mid-run). */
export class AppliedStore {
  private readonly values = new Map<string, number>();
  constructor(initial: AppliedValues = {}) {
    this.change(appliedChangesSchema.parse(initial));
  }
  change(changes: AppliedChanges): void {
    for (const [code, value] of Object.entries(changes)) {
      if (value === null) this.values.delete(code);
      else this.values.set(code, value);
    }
  }
  current(): AppliedValues {
    return Object.fromEntries(this.values);
  }
}
