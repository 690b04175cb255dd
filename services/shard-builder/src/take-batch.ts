import { decodeEventOrTick } from "@recap/shared";
import { createSqsHandler, type PoisonPolicy } from "@recap/shared/runtime";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { ARRIVAL_TYPES, arrivalOf } from "./arrival.ts";
import { type EntryDeps, enterUnit } from "./enter-unit.ts";
import { configuredGroups, type Group, groupKey } from "./group-key.ts";
import { countMembers } from "./group-state.ts";
import { type GroupDeps, sealDueShards } from "./seal-group.ts";

/** Room left, at the least, when a pass starts its last seal: a 50,000-record seal takes a minute or two. */
const SEAL_MARGIN_MS = 120_000;

type Tally = Group & { records: number; bytes: number };

/**
 * One invocation: each record (a normalized transcript or a retry) enters its unit of work (idempotent, with
 * partial batch failures), the batch's new members are counted once per group, and then every group it touched
 * (on a tick, every group of every lane; on a repeated tick, none) is checked for a shard that is due. A sealing
 * failure fails no message: the members are durable, and the next batch or tick resumes the seal. No seal starts
 * too close to the invocation's timeout.
 */
export function createBatchHandler(deps: () => EntryDeps & GroupDeps, onPoison: PoisonPolicy) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = deps();
    const touched = new Map<string, Tally>();
    const take = createSqsHandler({
      logger: d.logger,
      decode: (record) => decodeEventOrTick(record, ARRIVAL_TYPES),
      handle: async (input) => {
        if (input.kind === "tick" && input.repeat) return;
        const entries =
          input.kind === "tick"
            ? configuredGroups(d.config).map((group) => ({ group, created: false, bytes: 0 }))
            : [await enterUnit(d, arrivalOf(input.event))];
        for (const { group, created, bytes } of entries) {
          const tally = touched.get(groupKey(group)) ?? { ...group, records: 0, bytes: 0 };
          if (created) {
            tally.records += 1;
            tally.bytes += bytes;
          }
          touched.set(groupKey(group), tally);
        }
      },
      onPoison,
    });
    const response = await take(event, context);
    for (const { records, bytes, ...group } of touched.values()) {
      if (records > 0) await countMembers(d.db, d.table, groupKey(group), { records, bytes });
    }
    const lastSealStart = context
      ? Date.now() + context.getRemainingTimeInMillis() - SEAL_MARGIN_MS
      : Infinity;
    for (const { records: _r, bytes: _b, ...group } of touched.values()) {
      try {
        await sealDueShards(d, group, lastSealStart);
      } catch (error) {
        d.logger.warn("sealing deferred to the next batch or tick", {
          group: groupKey(group),
          error: { name: (error as Error).name, message: (error as Error).message },
        });
      }
    }
    return response;
  };
}
