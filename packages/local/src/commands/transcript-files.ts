import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";

export class NoSuchInputError extends Error {
  override readonly name = "NoSuchInputError";
}

export interface InputFiles {
  /** Transcripts, one call each. */
  transcripts: string[];
  /** `.jsonl` files of transcript.submitted events, one a line, published as written. */
  eventFiles: string[];
}

/**
 * What `recap generate` writes beside the transcripts of a directory: its ground truth, its manifest and its
 * events (the same calls again). Walking a directory or expanding a glob skips them; name a `.jsonl` file to
 * publish its events.
 */
const BESIDE_TRANSCRIPTS = /(?:\.truth\.json|^manifest\.json|\.jsonl)$/;

/**
 * The files that paths name: a file as it is, a directory's files (recursively), a glob's matches (tinyglobby:
 * the shell did not expand a quoted one); hidden files and generator side files are skipped but for a file
 * named as it is. A path that
 * names nothing is an error, not an empty run.
 */
export async function inputFiles(paths: readonly string[]): Promise<InputFiles> {
  const files = new Set<string>();
  for (const given of paths) {
    const found = await filesOf(given);
    if (found.length === 0) throw new NoSuchInputError(`${given} names no file`);
    for (const file of found) files.add(path.resolve(file));
  }
  const all = [...files].sort();
  return {
    transcripts: all.filter((file) => !file.endsWith(".jsonl")),
    eventFiles: all.filter((file) => file.endsWith(".jsonl")),
  };
}

async function filesOf(given: string): Promise<string[]> {
  if (existsSync(given)) {
    if (!(await stat(given)).isDirectory()) return [given];
    const entries = await readdir(given, { recursive: true, withFileTypes: true });
    return entries
      .filter(
        (entry) => entry.isFile() && !entry.name.startsWith(".") && !BESIDE_TRANSCRIPTS.test(entry.name),
      )
      .map((entry) => path.join(entry.parentPath, entry.name));
  }
  if (!isDynamicPattern(given)) throw new NoSuchInputError(`${given}: no such file or directory`);
  const matches = await glob(given, { onlyFiles: true, absolute: true });
  return matches.filter((file) => !BESIDE_TRANSCRIPTS.test(path.basename(file)));
}

/**
 * A transcript id from a file name: its name without the extension, any character an id may not hold made
 * `-` (ids are 1–128 of A-Z a-z 0-9 . _ : -, starting alphanumeric). `call 7.srt` → `call-7`.
 */
export function transcriptIdOf(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, "");
  const id = base
    .replace(/[^A-Za-z0-9._:-]/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 128);
  return id || "transcript";
}
