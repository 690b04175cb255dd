import { describe, expect, test } from "vitest";
import { thrown } from "./fixtures/thrown.ts";
import { diarized, legacyDiarized, withAudioSegments } from "./fixtures/transcribe.ts";
import { channels } from "./fixtures/transcribe-channels.ts";
import { mark, word } from "./fixtures/transcribe-items.ts";
import { detect, parse } from "./transcribe.ts";

const said = (value: unknown) => parse(JSON.stringify(value)).turns.map((t) => [t.speaker, t.text]);

describe("transcribe detect", () => {
  test("knows Transcribe output by `results.items`", () => {
    expect(detect("", diarized)).toBe(true);
    expect(detect("", { results: { transcripts: [] } })).toBe(false);
    expect(detect("", { items: [] })).toBe(false);
    expect(detect("", undefined)).toBe(false);
  });
});

describe("transcribe parse", () => {
  test("rebuilds diarized turns, punctuation glued to the word before it, times in ms", () => {
    const parsed = parse(JSON.stringify(diarized), diarized);
    expect(parsed).toMatchObject({ format: "transcribe", channel: "voice", language: "en-US" });
    expect(parsed.turns).toEqual([
      {
        role: "other",
        speaker: "spk_0",
        text: "Thanks for calling, how can I help?",
        startMs: 500,
        endMs: 2500,
      },
      { role: "other", speaker: "spk_1", text: "My bill is wrong.", startMs: 3000, endMs: 4200 },
      { role: "other", speaker: "spk_0", text: "Let me check.", startMs: 4500, endMs: 5300 },
    ]);
  });

  test("older output: speakers found through `speaker_labels.segments` by start time", () => {
    expect(said(legacyDiarized)).toEqual([
      ["spk_0", "Hello there."],
      ["spk_1", "Hi."],
      ["spk_0", "Bye now."],
    ]);
  });

  test("channels interleave sentence by sentence: crosstalk does not cut a sentence in half", () => {
    expect(said(channels)).toEqual([
      ["ch_0", "I can refund that today."],
      ["ch_1", "Okay."],
      ["ch_0", "Shall I go ahead?"],
      ["ch_1", "Yes please."],
    ]);
  });

  test("an unpunctuated channel is still cut where it pauses, so the other side fits in between", () => {
    const unpunctuated = {
      results: {
        items: [],
        channel_labels: {
          channels: [
            {
              channel_label: "ch_0",
              items: [word("one", 0, 0.5), word("two", 0.5, 1), word("five", 5, 5.5)],
            },
            { channel_label: "ch_1", items: [word("three", 2, 2.5), word("four", 2.5, 3)] },
          ],
        },
      },
    };
    expect(said(unpunctuated)).toEqual([
      ["ch_0", "one two"],
      ["ch_1", "three four"],
      ["ch_0", "five"],
    ]);
  });

  test("prefers Transcribe's own audio_segments when they are sane", () => {
    const segments = structuredClone(withAudioSegments);
    const third = segments.results.audio_segments[2];
    if (third) third.transcript = "My bill is wrong!";
    expect(said(segments)).toEqual([
      ["spk_0", "Thanks for calling, how can I help?"],
      ["spk_1", "My bill is wrong!"],
      ["spk_0", "Let me check."],
    ]);
  });

  test.each([
    ["a segment without a speaker", [{ transcript: "Thanks", start_time: "0.5", end_time: "1" }]],
    [
      "segments holding too few of the words",
      [{ transcript: "Thanks", start_time: "0.5", end_time: "1", speaker_label: "spk_9" }],
    ],
  ])("falls back to the items over %s", (_what, audio_segments) => {
    const turns = parse("", { ...diarized, results: { ...diarized.results, audio_segments } }).turns;
    expect(turns.map((t) => t.speaker)).toEqual(["spk_0", "spk_1", "spk_0"]);
  });

  test("without diarization or channels, one honest turn by an unidentified speaker", () => {
    const plain = { results: { items: [word("Hello", 0, 0.4), mark("."), word("Bye", 1, 1.2), mark(".")] } };
    expect(said(plain)).toEqual([["unidentified", "Hello. Bye."]]);
  });

  test("says where the JSON differs from Transcribe output, without quoting it", () => {
    const broken = { results: { items: [word("secret", 0, 1), { type: "pronunciation", start_time: "1" }] } };
    const error = thrown(() => parse("", broken));
    expect(error.code).toBe("malformed-transcript");
    expect(error.message).toContain("`results.items.1.alternatives`");
    expect(error.message).not.toContain("secret");
  });

  test("reads content it was not handed parsed", () => {
    expect(parse(JSON.stringify(diarized)).turns).toHaveLength(3);
    expect(() => parse("not json")).toThrow(/not JSON/);
  });
});
