import { describe, expect, test } from "vitest";
import { EXAMPLES } from "./fixtures/by-format.ts";
import { thrown } from "./fixtures/thrown.ts";
import {
  detectFormat,
  FORMATS,
  JSON_DETECTION_ORDER,
  parseTranscript,
  TEXT_DETECTION_ORDER,
} from "./registry.ts";

const jsonOrUndefined = (content: string) => (/^\s*[[{]/.test(content) ? JSON.parse(content) : undefined);

describe("parseTranscript with auto", () => {
  test.each(EXAMPLES)("detects %s (%s) and reads turns from it", (format, _what, content) => {
    const parsed = parseTranscript(content, "auto");
    expect(parsed.format).toBe(format);
    expect(parsed.turns.length).toBeGreaterThan(0);
    expect(parseTranscript(content, format)).toEqual(parsed);
  });

  test.each(EXAMPLES)("no detector but its own claims %s (%s)", (format, _what, content) => {
    const parsed = jsonOrUndefined(content);
    const claims = Object.entries(FORMATS).filter(([, module]) => module.detect(content, parsed));
    // Plain text, the fallback for text, steps aside for anything with caption timing lines.
    expect(claims.map(([claimant]) => claimant)).toEqual([format]);
  });

  test("the detection orders cover every format exactly once", () => {
    expect([...JSON_DETECTION_ORDER, ...TEXT_DETECTION_ORDER].sort()).toEqual(Object.keys(FORMATS).sort());
  });
});

describe("parseTranscript rejections", () => {
  test.each([
    ["empty content", "  \n\t ", "empty-transcript", /empty/],
    ["an empty JSON array", " [] ", "empty-transcript", /empty JSON/],
    ["an empty JSON object", "{}", "empty-transcript", /empty JSON/],
    ["JSON cut short", '{"results": {"items": [', "unknown-format", /not valid JSON/],
    [
      "JSON of another shape",
      '{"call": {"lines": []}}',
      "unknown-format",
      /unknown shape.*transcribe.*json-turns/,
    ],
    ["markup", "<html><body>Agent: hi</body></html>", "unknown-format", /markup/],
    ["text without speakers", "we talked about the bill", "no-speech-turns", /plain-text.*`Speaker: words`/],
    ["captions with no words", "WEBVTT\n\n00:00.000 --> 00:01.000\n\n", "no-speech-turns", /webvtt/],
    ["Transcribe output with no words", '{"results": {"items": []}}', "no-speech-turns", /transcribe/],
  ])("%s is rejected as %s", (_what, content, code, message) => {
    const error = thrown(() => parseTranscript(content, "auto"));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  test("an explicit format that does not match says what it expected and what the content looks like", () => {
    const srt = EXAMPLES.find(([format]) => format === "srt")?.[2] ?? "";
    const error = thrown(() => parseTranscript(srt, "webvtt"));
    expect(error.code).toBe("unknown-format");
    expect(error.message).toMatch(
      /format is "webvtt", but the content is not WebVTT captions.*looks like srt/,
    );
  });

  test("an explicit JSON format given broken JSON says so", () => {
    const error = thrown(() => parseTranscript('{"SpeechSegments": [', "post-call-analytics"));
    expect(error.message).toMatch(/post-call-analytics.*not valid JSON/);
  });

  test("an explicit format skips detection: Call Analytics content read as Contact Lens is refused", () => {
    const tca = EXAMPLES.find(([format]) => format === "transcribe-call-analytics")?.[2] ?? "";
    expect(thrown(() => parseTranscript(tca, "contact-lens")).message).toMatch(
      /looks like transcribe-call-analytics/,
    );
  });

  test("no message ever quotes the transcript", () => {
    const canary = "ZEBRA-7731";
    const contents = [
      `{"results": {"items": ["${canary}"`,
      `{"${canary}": 1}`,
      `[{"speaker": "${canary}"}]`,
      `<p>${canary}</p>`,
      `just ${canary} words`,
      `{"results": {"items": [{"type": "${canary}"}]}}`,
    ];
    for (const content of contents) {
      for (const format of ["auto", "transcribe", "json-turns", "srt"] as const) {
        const error = thrown(() => parseTranscript(content, format));
        expect(error.message).not.toContain(canary);
      }
    }
  });
});

describe("detectFormat", () => {
  test("is undefined when nothing matches, rather than a guess", () => {
    expect(detectFormat('{"a": 1}', { a: 1 })).toBeUndefined();
    expect(detectFormat("<xml/>", undefined)).toBeUndefined();
  });
});
