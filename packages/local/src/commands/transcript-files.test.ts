import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { inputFiles, NoSuchInputError, transcriptIdOf } from "./transcript-files.ts";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function folder(files: string[]): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), "recap-files-"));
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), "Agent: hello");
  }
  return dir;
}

describe("inputFiles", () => {
  test("a folder: its transcripts, recursively, without what recap generate writes beside them or hidden files", async () => {
    const root = await folder([
      "a.txt",
      "deep/b.vtt",
      "a.truth.json",
      "manifest.json",
      "events.jsonl",
      ".DS_Store",
    ]);
    expect(await inputFiles([root])).toEqual({
      transcripts: [path.join(root, "a.txt"), path.join(root, "deep/b.vtt")],
      eventFiles: [],
    });
  });

  test("a glob expands the same way; a named .jsonl is an events file; duplicates count once", async () => {
    const root = await folder(["a.txt", "b.json", "b.truth.json", "events.jsonl"]);
    const found = await inputFiles([
      path.join(root, "*.*"),
      path.join(root, "a.txt"),
      path.join(root, "events.jsonl"),
    ]);
    expect(found.transcripts).toEqual([path.join(root, "a.txt"), path.join(root, "b.json")]);
    expect(found.eventFiles).toEqual([path.join(root, "events.jsonl")]);
  });

  test("a path or glob that names nothing is an error", async () => {
    const root = await folder(["a.txt"]);
    await expect(inputFiles([path.join(root, "missing.txt")])).rejects.toBeInstanceOf(NoSuchInputError);
    await expect(inputFiles([path.join(root, "*.srt")])).rejects.toThrow("names no file");
  });
});

test.each([
  ["/x/call-0001.txt", "call-0001"],
  ["/x/call 7.srt", "call-7"],
  ["/x/__weird (copy).vtt", "weird--copy-"],
  ["/x/Über.json", "ber"],
  ["/x/---.txt", "transcript"],
])("transcriptIdOf(%s) is %s: a valid id from the file name", (file, id) => {
  expect(transcriptIdOf(file)).toBe(id);
});
