import { type Cue, type CueHit, findCues } from "./call-cues.ts";
import { sentencesOf } from "./sentences.ts";
import type { SpeakerRole, Turn } from "./transcript.ts";

/** One sentence of a call, with who said it and in which turn. */
export interface Utterance {
  text: string;
  role: SpeakerRole;
  /** Index of its turn in the call. */
  turn: number;
  /** Index of the sentence in the call. */
  order: number;
  /** Its words, hashed (see `word-hash.ts`), for counting. */
  words: number[];
  /** Its length in words as `countWords` counts them (see `sentences.ts`). */
  wordCount: number;
  /** The cue phrases in it (see `call-cues.ts`). */
  cues: CueHit[];
}

/** Whether `utterance` has `cue`, optionally only starting among its first `within` words. */
export function hasCue(utterance: Utterance, cue: Cue, within = Number.POSITIVE_INFINITY): boolean {
  return utterance.cues.some((hit) => hit.cue === cue && hit.start < within);
}

export function countCue(utterance: Utterance, cue: Cue): number {
  let count = 0;
  for (const hit of utterance.cues) if (hit.cue === cue) count++;
  return count;
}

/** The call sentence by sentence, split, tokenized and matched against the cues once for every reader of it. */
export function utterancesOf(turns: readonly Turn[]): Utterance[] {
  const utterances: Utterance[] = [];
  turns.forEach((turn, index) => {
    for (const { text, words, wordCount } of sentencesOf(turn.text)) {
      utterances.push({
        text,
        role: turn.role,
        turn: index,
        order: utterances.length,
        words,
        wordCount,
        cues: findCues(words),
      });
    }
  });
  return utterances;
}
