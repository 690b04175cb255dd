import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  claimMember,
  firstPending,
  type Member,
  MemberClaimedElsewhereError,
  putMemberOnce,
  releaseMember,
  stillUnclaimed,
} from "../../services/shard-builder/src/members.ts";
import { startLocalTable } from "../support/local-table.ts";

let local: Awaited<ReturnType<typeof startLocalTable>>;
beforeAll(async () => {
  local = await startLocalTable("shard-builder");
});
afterAll(() => local?.stop());

let n = 0;
function member(group: string, extra: Partial<Member> = {}): Member {
  const i = ++n;
  const recordId = `R${String(i).padStart(10, "0")}`;
  return {
    group,
    recordId,
    arrival: `2026-12-01T10:00:${String(i % 60).padStart(2, "0")}.000Z#${recordId}`,
    bytes: 100,
    transcriptId: `call-${i}`,
    version: "0123456789abcdef",
    profile: "default",
    attempt: 1,
    transcriptUri: `s3://recap-local-store/normalized/call-${i}/0123456789abcdef/default.json`,
    promptVersion: "call-summary@1",
    estimatedInputTokens: 25,
    metadata: {},
    ...extra,
  };
}

describe("shard-builder's members, against DynamoDB's API", () => {
  test("a unit of work is recorded once, whoever writes it again", async () => {
    const m = member("g1");
    expect(await putMemberOnce(local.db, local.table, m)).toBe(true);
    expect(await putMemberOnce(local.db, local.table, m)).toBe(false);
  });

  test("a member belongs to one shard only; the same shard may claim it again (a resumed seal)", async () => {
    const m = member("g2");
    await putMemberOnce(local.db, local.table, m);
    await claimMember(local.db, local.table, m.recordId, "b-one");
    await claimMember(local.db, local.table, m.recordId, "b-one");
    await expect(claimMember(local.db, local.table, m.recordId, "b-two")).rejects.toThrow(
      MemberClaimedElsewhereError,
    );
    expect(await firstPending(local.db, local.table, "g2", "arrival")).toBeUndefined();
  });

  test("a claimed member leaves both pending indexes; released by its shard, it is back in both as it was", async () => {
    const m = member("g3", { deadline: "2026-12-02T00:00:00.000Z" });
    await putMemberOnce(local.db, local.table, m);
    await claimMember(local.db, local.table, m.recordId, "b-three");
    expect(await firstPending(local.db, local.table, "g3", "deadline")).toBeUndefined();
    await releaseMember(local.db, local.table, m.recordId, "b-other", true);
    expect(await firstPending(local.db, local.table, "g3", "arrival")).toBeUndefined();
    await releaseMember(local.db, local.table, m.recordId, "b-three", true);
    expect((await firstPending(local.db, local.table, "g3", "arrival"))?.recordId).toBe(m.recordId);
    expect((await firstPending(local.db, local.table, "g3", "deadline"))?.recordId).toBe(m.recordId);
    await claimMember(local.db, local.table, m.recordId, "b-four");
  });

  test("the consistent re-read drops members another shard has claimed, whatever an index said", async () => {
    const members = Array.from({ length: 150 }, () => member("g4"));
    for (const m of members) await putMemberOnce(local.db, local.table, m);
    const claimed = members.filter((_, i) => i % 7 === 0);
    for (const m of claimed) await claimMember(local.db, local.table, m.recordId, "b-elsewhere");
    const left = await stillUnclaimed(local.db, local.table, members);
    expect(left).toHaveLength(members.length - claimed.length);
    expect(left.some((m) => claimed.includes(m))).toBe(false);
  });
});
