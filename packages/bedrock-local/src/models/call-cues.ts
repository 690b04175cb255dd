import { compilePhrases, findPhrases } from "./phrases.ts";

const WILL = ["i'll", "i will", "we'll", "we will"];
const CANNOT = [
  "not able to",
  "unable to",
  "can't",
  "cannot",
  "won't",
  "will not",
  "no need to",
  "don't need to",
];
const DONE =
  "resolved/fixed/processed/issued/refunded/credited/applied/updated/cancelled/canceled/sorted/corrected/reset/" +
  "approved/shipped/reactivated/unlocked/restored/waived/removed/placed";
const ACTED =
  "processed/issued/applied/updated/cancelled/canceled/credited/refunded/reset/corrected/scheduled/arranged/" +
  "waived/added/removed/changed/placed/submitted/initiated";

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
    "i've scheduled/arranged/sent/submitted/escalated/initiated",
    "i have scheduled/arranged/sent/submitted/escalated/initiated",
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
  /** Handing the call on. */
  escalation: [
    "escalate/escalated/escalating/escalation",
    "transfer/transferring you",
    "my/a/the/your supervisor/manager",
    "specialist team",
    "higher level",
    "senior team/support/agent",
    "tier 2 team/support",
    "second level team/support",
  ],
  declinedEscalation: CANNOT.map((cannot) => `${cannot} just? escalate/transfer`),
  /** The problem dealt with before the call ended. */
  resolved: [
    `been/was/got ${DONE}`,
    `is now ${DONE}`,
    "taken care of",
    `i've just/now/already/successfully? ${ACTED}`,
    `i have just/now/already/successfully? ${ACTED}`,
    "all set",
    "good to go",
    "problem solved",
    "that worked",
    "works/working now",
    "that solves/resolves",
    "glad/happy i/we could",
    "glad/happy i/we was/were able to",
    "that makes sense",
    "it all makes sense",
    "that/this helps/helped",
    "you've been very/so/really/a? helpful/great/lifesaver",
    "you have been very/so/really/a? helpful/great/lifesaver",
    "above and beyond",
  ],
  /** The problem still open: the agent cannot act, or someone has to come back to it. */
  unresolved: [
    "unable to",
    "not able to",
    "can't/cannot do/help/resolve/offer/process/issue/find/guarantee",
    "unfortunately",
    "still not/no/haven't/hasn't/waiting",
    "call/contact your/the bank",
    "check with your/the bank",
    "get back to you",
    "look/looking into it/this further",
    "investigate/investigating/investigation/investigated",
    "not satisfied/happy",
    "waste of time",
    "be in touch",
    "call you/me? back",
    "hope we can",
  ],
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
