import type { CallFormat } from "../call-types.ts";
import { contactLens } from "./contact-lens.ts";
import { jsonTurns } from "./json-turns.ts";
import { plainText } from "./plain-text.ts";
import { postCallAnalytics } from "./post-call-analytics.ts";
import type { Serializer } from "./rendered-call.ts";
import { srt } from "./srt.ts";
import { transcribe } from "./transcribe.ts";
import { transcribeCallAnalytics } from "./transcribe-call-analytics.ts";
import { webvtt } from "./webvtt.ts";

/** One serializer per format; every one writes the same conversation. */
export const SERIALIZERS: Readonly<Record<CallFormat, Serializer>> = {
  "plain-text": plainText,
  "json-turns": jsonTurns,
  transcribe,
  "transcribe-call-analytics": transcribeCallAnalytics,
  "contact-lens": contactLens,
  "post-call-analytics": postCallAnalytics,
  webvtt,
  srt,
};
