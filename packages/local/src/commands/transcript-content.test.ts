import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NotTextError, transcriptContentOf } from "./transcript-content.ts";

const CALL = "Agent: Olá!\nCustomer: 您好";
let dir: string;
const file = async (name: string, bytes: Buffer) => {
  const at = path.join(dir, name);
  await writeFile(at, bytes);
  return at;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "recap-content-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("transcriptContentOf", () => {
  test("UTF-8 is sent as text", async () => {
    expect(await transcriptContentOf(await file("plain.txt", Buffer.from(CALL)))).toBe(CALL);
  });

  test("UTF-8 with a byte-order mark is sent as text without the mark", async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CALL)]);
    expect(await transcriptContentOf(await file("bom.txt", bom))).toBe(CALL);
  });

  test.each([
    ["LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CALL, "utf16le")])],
    ["BE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CALL, "utf16le")]).swap16()],
  ])("UTF-16 %s with a byte-order mark is sent as its bytes, untouched", async (order, bytes) => {
    const content = await transcriptContentOf(await file(`utf16${order}.txt`, Buffer.from(bytes)));
    expect(content).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(content as Uint8Array).equals(bytes)).toBe(true);
  });

  test("bytes in no encoding Recap reads are refused, naming the file", async () => {
    const latin1 = await file("latin1.txt", Buffer.from(CALL.slice(0, 11), "latin1"));
    await expect(transcriptContentOf(latin1)).rejects.toThrow(NotTextError);
    await expect(transcriptContentOf(latin1)).rejects.toThrow(/latin1\.txt is neither UTF-8 nor UTF-16/);
  });
});
