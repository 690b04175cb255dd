import { type LocalDynamo, startLoopbackDynalite } from "../loopback-dynalite.ts";
import { type StrictDynamo, startStrictDynamo } from "./strict-dynamo.ts";

/** How long a write takes to reach a global index locally, unless told otherwise: AWS's are usually faster. */
export const DEFAULT_INDEX_LAG_MS = 1_000;

export interface StrictLocalDynamo extends LocalDynamo {
  /** BatchGetItem keys answered as unprocessed so far. */
  heldBack(): number;
}

/**
 * The local DynamoDB every client uses: dynalite on an internal port of 127.0.0.1, behind the strict front on
 * `port`. With `path` dynalite keeps its tables (and the front's index replicas) across restarts.
 */
export async function startStrictLocalDynamo(options: {
  port: number;
  path?: string;
  indexLagMs?: number;
  unprocessedKeysRate?: number;
}): Promise<StrictLocalDynamo> {
  const dynalite = await startLoopbackDynalite({ port: 0, ...(options.path ? { path: options.path } : {}) });
  let front: StrictDynamo;
  try {
    front = await startStrictDynamo({
      target: dynalite.endpoint,
      port: options.port,
      indexLagMs: options.indexLagMs ?? DEFAULT_INDEX_LAG_MS,
      ...(options.unprocessedKeysRate ? { unprocessedKeysRate: options.unprocessedKeysRate } : {}),
    });
  } catch (error) {
    await dynalite.stop();
    throw error;
  }
  return {
    endpoint: front.endpoint,
    port: front.port,
    heldBack: front.heldBack,
    stop: async () => {
      await front.stop();
      await dynalite.stop();
    },
  };
}
