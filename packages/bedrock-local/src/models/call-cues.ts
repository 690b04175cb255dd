import { MOOD_PHRASES } from "./mood-cues.ts";
import { OUTCOME_PHRASES } from "./outcome-cues.ts";
import { compilePhrases, findPhrases } from "./phrases.ts";

const WILL = ["i'll", "i will", "we'll", "we will"];

/**
 * The phrases the summarizer reads a call by, all in one list so that each sentence is matched once (see
 * `phrases.ts` for the notation). Each heuristic picks the cues it needs from a sentence's hits.
 */
const CUE_PHRASES = {
  /** Announces the reason for a call. */
  reason: [
    "calling/call/called about/regarding/because/for",
    "calling to",
    "reaching out",
    "contacting you",
    "question about/regarding",
    "issue/problem/trouble/concern/complaint with/about/regarding",
    "i'm having an/some? issue/issues/problem/problems/trouble",
    "i am having an/some? issue/issues/problem/problems/trouble",
    "i want/need/wanted to",
    "i'd like to",
    "i would like to",
    "i was wondering",
    "i was/am hoping",
  ],
  /** A topic calls are made about. */
  topic: [
    "refund/refunds/cancel/cancelled/canceled/cancellation/cancelling/canceling/charge/charged/charges/order/orders",
    "payment/payments/deliver/delivery/delivered/shipping/package/account/bill/billing/billed/return/returns",
    "replace/replacement/broken/damaged/defective/late/declined/subscription/offer/promotion/promotional",
    "discount/warranty/invoice/login/upgrade/price/fee/fees",
  ],
  /** Identity checks: said early, never the reason for the call nor worth a summary. */
  identity: [
    "password",
    "one time",
    "email/e-mail address",
    "e mail address",
    "date of birth",
    "last four",
    "zip code",
    "my name is",
    "verify",
    // Customers answering the checks: identifiers are never the reason for a call.
    "account/member/membership/customer/policy/phone/reference number",
    "my/the number is",
    "e-mail/email is",
    "e mail is",
  ],
  /** The courtesies that open and close calls. */
  greeting: [
    "how are you",
    "thank you for calling/contacting/holding/taking",
    "thank you for your patience",
    "how can/may i help/assist",
    "have a great/good/nice/wonderful",
    "goodbye/bye",
    "take care",
    "you're welcome",
    "my pleasure",
  ],
  /** The running of the call itself. */
  filler: ["anything else", "let me", "let's", "take your time", "one moment"],
  /** Sympathy and apology, when they open a sentence: right to say in a call, empty in a summary. */
  empathy: [
    "i completely/totally/really/truly/fully/definitely/sincerely/do? understand",
    "i'm so/very/really/truly/terribly/sincerely? sorry",
    "i am so/very/really/truly/terribly/sincerely? sorry",
    "i sincerely/really/do? apologize",
  ],
  /** When it opens a sentence: the sentence points back and means little out of its place in the call. */
  pointsBack: ["that/this/these/those/they/he/she/which/it's/then"],
  /** The agent binding themselves or the company to something, or telling the customer what will happen. */
  commitment: [
    ...WILL,
    "i'm/we're going to",
    "i am going to",
    "we are going to",
    ...["you'll", "you will", "you should"].flatMap((you) => [
      `${you} receive/get/see`,
      `${you} be able/receiving/getting/contacted/notified/refunded/charged`,
    ]),
    "you can expect",
    // What the company will do, said without a subject: `the refund will be issued within five days`.
    "will be sent/issued/refunded/credited/shipped/processed/delivered/applied/emailed/mailed/posted/reviewed/returned/reversed/removed/waived",
    "should arrive/appear/reach/show",
    "i've scheduled/arranged/sent/submitted/escalated/initiated",
    "i have scheduled/arranged/sent/submitted/escalated/initiated",
  ],
  /** The agent telling the customer what to do next: the customer's side of the next steps. */
  instruction: [
    "you'll/you'd need to",
    "you will/would need to",
    "you need to",
    "you just? have to",
    "make sure you",
    "you may/might want to",
    "i'd/i recommend/suggest",
    "i would recommend/suggest",
    "please call/contact/send/check/file/bring/return/visit/keep/reply/submit/upload/try/restart/use",
  ],
  /** Commitments that are only courtesy or the mechanics of the call itself. */
  callMechanics: WILL.flatMap((will) =>
    [
      "be happy/glad/here/waiting",
      "be right back",
      "be with you",
      "just? need",
      "have to ask",
      "do my/our best",
      "take a/that look",
      "put you on hold",
      "check that/this",
      "check on that",
    ].map((rest) => `${will} ${rest}`),
  ),
  ...OUTCOME_PHRASES,
  ...MOOD_PHRASES,
};

export type Cue = keyof typeof CUE_PHRASES;

/** One cue found in a sentence, at the index of its first word. */
export interface CueHit {
  cue: Cue;
  start: number;
}

const CUES = compilePhrases(CUE_PHRASES);

export function findCues(words: readonly number[]): CueHit[] {
  const hits: CueHit[] = [];
  findPhrases(CUES, words, (cue, start) => {
    hits.push({ cue, start });
  });
  return hits;
}
