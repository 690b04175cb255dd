import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  acquireModelLease,
  forceReleaseModelLease,
  releaseModelLease,
  renewModelLease,
} from "../../services/job-submitter/src/model-lease.ts";
import { startLocalTable } from "../support/local-table.ts";

let local: Awaited<ReturnType<typeof startLocalTable>>;
beforeAll(async () => {
  local = await startLocalTable("job-submitter");
});
afterAll(() => local?.stop());

const TTL = 5_000;
let model = 0;
const nextModel = () => `model-${++model}`;

describe("job-submitter's per-model lease, against DynamoDB's API", () => {
  test("one filler at a time: the second is refused while the first holds it", async () => {
    const m = nextModel();
    expect(await acquireModelLease(local.db, local.table, m, "a", TTL)).toBe(true);
    expect(await acquireModelLease(local.db, local.table, m, "b", TTL)).toBe(false);
  });

  test("a refused filler's request survives the holder's renewals and makes its release fail, so it fills again", async () => {
    const m = nextModel();
    await acquireModelLease(local.db, local.table, m, "a", TTL);
    expect(await acquireModelLease(local.db, local.table, m, "b", TTL)).toBe(false);
    expect(await renewModelLease(local.db, local.table, m, "a", TTL)).toBe(true);
    expect(await releaseModelLease(local.db, local.table, m, "a")).toBe(false);
    // The holder takes it again (clearing the request), fills, and can now let go.
    expect(await acquireModelLease(local.db, local.table, m, "a", TTL)).toBe(true);
    expect(await releaseModelLease(local.db, local.table, m, "a")).toBe(true);
    expect(await acquireModelLease(local.db, local.table, m, "b", TTL)).toBe(true);
  });

  test("a filler that arrives after the release takes the lease itself: no request is left unheard", async () => {
    const m = nextModel();
    await acquireModelLease(local.db, local.table, m, "a", TTL);
    expect(await releaseModelLease(local.db, local.table, m, "a")).toBe(true);
    expect(await acquireModelLease(local.db, local.table, m, "b", TTL)).toBe(true);
  });

  test("a forced release frees the model at once, requests and all, and only its owner can force it", async () => {
    const m = nextModel();
    await acquireModelLease(local.db, local.table, m, "a", TTL);
    await acquireModelLease(local.db, local.table, m, "b", TTL);
    await forceReleaseModelLease(local.db, local.table, m, "b");
    expect(await acquireModelLease(local.db, local.table, m, "c", TTL)).toBe(false);
    await forceReleaseModelLease(local.db, local.table, m, "a");
    expect(await acquireModelLease(local.db, local.table, m, "c", TTL)).toBe(true);
    expect(await releaseModelLease(local.db, local.table, m, "c")).toBe(true);
  });

  test("a dead holder blocks its model only until its lease runs out, and cannot renew after", async () => {
    const m = nextModel();
    const t0 = Date.now();
    await acquireModelLease(local.db, local.table, m, "dead", TTL, () => t0);
    expect(await acquireModelLease(local.db, local.table, m, "b", TTL, () => t0 + TTL - 1)).toBe(false);
    expect(await acquireModelLease(local.db, local.table, m, "b", TTL, () => t0 + TTL + 1)).toBe(true);
    expect(await renewModelLease(local.db, local.table, m, "dead", TTL)).toBe(false);
  });
});
