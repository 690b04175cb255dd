import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { type PiiType, PLACEHOLDER, type RedactionCounts } from "./pii-match.ts";
import { redactPii } from "./redact-pii.ts";

// The reference notebook's data set (aws-samples/amazon-bedrock-samples, MIT-0): 1,100 synthetic calls whose
// personal data another redactor already replaced by `{EMAIL}`-style placeholders. Read in place, never copied.
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const zipPath = join(repoRoot, "../shared/samples/synthetic-calls/synthetic_call_transcript_data.zip");

// The team's samples folder beside the repository, present in CI; where it is absent these report as skipped.
const samplesAbsent = !existsSync(zipPath);

/** Their placeholders for the kinds redaction finds, and values of each kind, in several shapes, to put back. */
const REAL_VALUES = new Map<string, { type: PiiType; values: string[] }>([
  [
    "{EMAIL}",
    {
      type: "email",
      values: ["jane.doe@example.com", "j.smith+orders@mail.example.co.uk", "c_42@oktank.io"],
    },
  ],
  [
    "{PHONE}",
    {
      type: "phone",
      values: [
        "(555) 123-4567",
        "555-123-4567",
        "+1 555 123 4567",
        "555.123.4567",
        "+44 20 7946 0958",
        "1-800-555-0199",
      ],
    },
  ],
  [
    "{CREDIT_DEBIT_CARD_NUMBER}",
    {
      type: "card",
      values: ["4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005", "6011 1111 1111 1117"],
    },
  ],
  [
    "{ADDRESS}",
    {
      type: "address",
      values: [
        "123 Main Street, Springfield, IL 62704",
        "742 Evergreen Terrace",
        "1600 Pennsylvania Avenue NW, Washington, DC 20500",
        "42 O'Brien Rd., Apt 4B, Boston, MA 02110",
      ],
    },
  ],
]);
// One garbled call has `123 Ne{ADDRESS}`; a placeholder glued to a word is not where a value would stand.
const THEIR_PLACEHOLDER = /(?<!\w)\{(?:EMAIL|PHONE|CREDIT_DEBIT_CARD_NUMBER|ADDRESS)\}/g;

let calls: string[] | undefined;
/** The calls, unzipped once with the system `unzip` into a temporary folder that is removed straight after. */
function syntheticCalls(): string[] {
  if (calls) return calls;
  const dir = mkdtempSync(join(tmpdir(), "redaction-calls-"));
  try {
    execFileSync("unzip", ["-q", zipPath, "-d", dir]);
    const textual = join(dir, "textual");
    calls = readdirSync(textual).map((name) => readFileSync(join(textual, name), "utf8"));
    return calls;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function realValuesOf(placeholder: string): { type: PiiType; values: string[] } {
  const found = REAL_VALUES.get(placeholder);
  if (!found) throw new Error(`no values for ${placeholder}`);
  return found;
}

test.skipIf(samplesAbsent)(
  "the 1,100 synthetic calls come through unchanged: their personal data is already placeholders, and their order, tracking and money figures are no personal data",
  () => {
    const all = syntheticCalls();
    expect(all).toHaveLength(1100);
    expect(all.filter((call) => redactPii(call).text !== call)).toEqual([]);
  },
);

test.skipIf(samplesAbsent)(
  "with real values put back in their placeholders, exactly those are redacted and counted, nothing else, and once only",
  () => {
    let replaced = 0;
    for (const call of syntheticCalls()) {
      const expectedCounts: RedactionCounts = {};
      const withValues = call.replace(THEIR_PLACEHOLDER, (placeholder) => {
        const { type, values } = realValuesOf(placeholder);
        expectedCounts[type] = (expectedCounts[type] ?? 0) + 1;
        return values[replaced++ % values.length] ?? "";
      });
      const redacted = redactPii(withValues);
      expect(redacted.text).toBe(call.replace(THEIR_PLACEHOLDER, (p) => PLACEHOLDER[realValuesOf(p).type]));
      expect(redacted.counts).toEqual(expectedCounts);
      expect(redactPii(redacted.text)).toEqual({ text: redacted.text, counts: {} });
    }
    expect(replaced).toBeGreaterThan(1000);
  },
);
