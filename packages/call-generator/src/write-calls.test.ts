import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transcriptSubmitted } from "@recap/shared";
import { afterEach, expect, test } from "vitest";
import { generateCalls } from "./generate-calls.ts";
import { writeCallSet, writeCalls } from "./write-calls.ts";

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "recap-calls-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

test("a transcript and a truth file per call, a manifest of them all, and an event per call", async () => {
  const dir = await tempDir();
  const calls = generateCalls({ count: 24, seed: "files", broken: 6 });
  await writeCalls(dir, calls);

  const files = await readdir(dir);
  expect(files).toHaveLength(24 * 2 + 2);
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
  expect(manifest).toMatchObject({ calls: 24, broken: 6 });
  for (const [i, entry] of manifest.entries.entries()) {
    const call = calls[i];
    expect(entry.file).toMatch(/\.(txt|json|vtt|srt)$/);
    expect(await readFile(join(dir, entry.file), "utf8")).toBe(call?.content);
    const truth = JSON.parse(await readFile(join(dir, entry.truthFile), "utf8"));
    expect(truth).toMatchObject({ transcriptId: call?.transcriptId, ...call?.truth });
  }
  const events = (await readFile(join(dir, "events.jsonl"), "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(events.map((e) => e.correlationId)).toEqual(calls.map((c) => c.transcriptId));
  const valid = events.filter((e) => transcriptSubmitted.schema.safeParse(e).success);
  expect(valid).toHaveLength(24 - calls.filter((c) => c.eventDefect).length);
});

test("writeCallSet writes what its options say", async () => {
  const dir = await tempDir();
  const written = await writeCallSet({ calls: 12, format: "srt", broken: 2, seed: "cli", out: dir });
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
  expect(manifest).toMatchObject({ calls: 12, broken: 2 });
  expect(new Set(manifest.entries.map((e: { format: string }) => e.format))).toEqual(new Set(["srt"]));
  expect(written).toMatchObject({ calls: 12, broken: 2, out: dir });
});

test("writeCallSet refuses options it cannot honour", async () => {
  const out = await tempDir();
  await expect(writeCallSet({ calls: 3, format: "docx", broken: 0, seed: "1", out })).rejects.toThrow(
    /--format takes mixed or one of/,
  );
  await expect(writeCallSet({ calls: 3, format: "mixed", broken: 4, seed: "1", out })).rejects.toThrow(
    RangeError,
  );
});
