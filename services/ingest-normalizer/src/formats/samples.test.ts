import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DOC_SAMPLES, JSON_SAMPLES } from "./fixtures/sample-expectations.ts";
import { type SampleSource, sourceTurnCount, speakerSequence } from "./fixtures/source-turn-counts.ts";
import { parseTranscript } from "./registry.ts";

// Public samples (../shared/samples/README.md): read in place, beside the repository, never copied into it.
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const samplesDir = join(repoRoot, "../shared/samples");
const formatsDir = join(samplesDir, "formats");
const callsZip = join(samplesDir, "synthetic-calls/synthetic_call_transcript_data.zip");
// The team's folder beside the repository, present in CI; where it is absent these tests report as skipped.
const samplesAbsent = !existsSync(samplesDir);
const callsZipAbsent = !existsSync(callsZip);

test.skipIf(samplesAbsent)(`every file in samples/formats is checked below`, () => {
  const listed = [...Object.keys(JSON_SAMPLES), ...Object.keys(DOC_SAMPLES)];
  expect(readdirSync(formatsDir).sort()).toEqual(listed.sort());
});

describe.each(Object.entries(JSON_SAMPLES))("%s", (file, expected) => {
  test.skipIf(samplesAbsent)(`normalizes with auto: right format, speakers, roles, turn count`, () => {
    const raw = readFileSync(join(formatsDir, file), "utf8");
    const source = JSON.parse(raw) as SampleSource;
    const parsed = parseTranscript(raw, "auto");
    expect(parsed).toMatchObject({ format: expected.format, channel: expected.channel });
    expect(Object.fromEntries(parsed.turns.map((t) => [t.speaker, t.role]))).toEqual(expected.speakers);
    expect(parsed.turns).toHaveLength(sourceTurnCount(source));
    const starts = parsed.turns.map((t) => t.startMs ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const turn of parsed.turns)
      expect(turn.endMs ?? Number.POSITIVE_INFINITY).toBeGreaterThanOrEqual(turn.startMs ?? 0);
    // Transcribe states the whole text itself: rebuilt turns must say exactly that, punctuation in place.
    const stated = source.results?.transcripts[0]?.transcript;
    if (stated !== undefined) expect(parsed.turns.map((t) => t.text).join(" ")).toBe(stated);
  });
});

describe.each(Object.entries(DOC_SAMPLES))("%s", (file, expected) => {
  test.skipIf(samplesAbsent)(
    `its complete examples, repaired of the page's annotations, normalize as ${expected.format}`,
    () => {
      const examples = fencedBlocks(readFileSync(join(formatsDir, file), "utf8")).filter((block) =>
        block.trimStart().startsWith("{"),
      );
      const abridged = examples.filter((block) => /^\s*\.\.\.\s*$/m.test(block));
      expect(abridged).toHaveLength(expected.abridged);
      const whole = examples.filter((block) => !abridged.includes(block)).map(repairDocExample);
      expect(whole).toHaveLength(expected.normalized);
      for (const example of whole) {
        const parsed = parseTranscript(example, "auto");
        expect(parsed.format).toBe(expected.format);
        expect(parsed.turns).toHaveLength(expected.turns);
      }
    },
  );
});

describe("synthetic calls", () => {
  let calls: string[] = [];
  let unzipped = "";
  beforeAll(() => {
    if (!existsSync(callsZip)) return;
    unzipped = mkdtempSync(join(tmpdir(), "synthetic-calls-"));
    execFileSync("unzip", ["-q", callsZip, "-d", unzipped]);
    const textual = join(unzipped, "textual");
    calls = readdirSync(textual).map((name) => readFileSync(join(textual, name), "utf8"));
  });
  afterAll(() => {
    if (unzipped) rmSync(unzipped, { recursive: true, force: true });
  });

  test.skipIf(callsZipAbsent)(`all 1,100 normalize as plain text with agent and customer turns`, () => {
    expect(calls).toHaveLength(1100);
    for (const call of calls) {
      const { format, turns } = parseTranscript(call, "auto");
      expect(format).toBe("plain-text");
      const speakers = new Set(turns.map((t) => t.speaker));
      expect(speakers).toContain("Agent");
      expect(speakers).toContain("Customer");
      // Every line opened by a speaker found (Agent, Customer, Supervisor, Agent 2, …) that says something,
      // itself or in the lines under it, is one turn, in order: none merged, none lost.
      expect(turns.map((t) => t.speaker)).toEqual(speakerSequence(call, speakers));
      // Stage directions go to notes (an unclosed `*Typing{PASSWORD}` in one call is text: nothing closes it).
      for (const turn of turns) expect(turn.text).not.toMatch(/\*[^*\n]+\*/);
    }
  });

  // About 30 calls label a speaker with an anonymisation placeholder (`{NAME}:`, `Cu{NAME}:`, `Supervisor {NAME}:`).
  test.skipIf(callsZipAbsent)(`lines labelled with a placeholder open their own turns`, () => {
    for (const call of calls) {
      // Only lines that say something: `C{NAME}: *Hangs up*` is a stage direction, not a turn.
      const spoken = [...call.matchAll(/^([^\s:*]*\{[A-Z]+\}[^:*\n]{0,30}):(.*)$/gm)].filter(
        (m) => (m[2] ?? "").replace(/\*[^*]*\*/g, "").trim() !== "",
      );
      const speakers = new Set(parseTranscript(call, "auto").turns.map((t) => t.speaker));
      for (const match of spoken) expect(speakers).toContain((match[1] ?? "").trim());
    }
  });
});

function fencedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^[ \t]*```[^\n]*\n([\s\S]*?)^[ \t]*```/gm)].map((match) => match[1] ?? "");
}

/**
 * Undoes the two annotations AWS's pages put in their examples: a `// …` remark after a value, and a closing
 * brace too many at the end. Throws if the block still is not JSON, so a new kind of annotation is noticed.
 */
function repairDocExample(block: string): string {
  const uncommented = block.replace(/\s\/\/ [^"\n]*$/gm, "");
  for (const candidate of [uncommented, uncommented.replace(/\}\s*$/, "")]) {
    try {
      JSON.parse(candidate);
      return candidate;
    } catch {
      // Try the next repair.
    }
  }
  throw new Error(`a documentation example that no repair makes JSON:\n${block.slice(0, 200)}`);
}
