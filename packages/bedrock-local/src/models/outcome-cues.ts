/**
 * The phrases by which a call says how it ended, in `phrases.ts` notation; `call-cues.ts` matches them with the
 * rest. Written from how contact-center calls close in general, not from any one script: agents confirm a fix
 * ("you're all set"), admit they cannot act ("I'm afraid…"), or hand the case on ("our billing team will
 * contact you"); customers accept ("that worked") or push back ("it's still not working").
 */

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
  "approved/shipped/reactivated/unlocked/restored/waived/removed/placed/changed/activated/completed/done";
const ACTED =
  "processed/issued/applied/updated/cancelled/canceled/credited/refunded/reset/corrected/scheduled/arranged/" +
  "waived/added/removed/changed/placed/submitted/initiated/fixed/sorted/unlocked/restored/activated";
/** Whoever, other than the agent on the line, may take a case over. */
const OTHERS =
  "team/teams/department/departments/specialist/specialists/colleague/colleagues/supervisor/manager/" +
  "engineer/engineers/technician/technicians/expert/experts/someone/somebody/they/they'll";

export const OUTCOME_PHRASES = {
  /** Handing the call on, now or by passing the case to someone else. */
  escalation: [
    "escalate/escalated/escalating/escalation",
    "transfer/transferring/transferred you/your/this",
    "transfer/transferring/transferred the call",
    "put/putting you through",
    "connect/connecting you with/to",
    "pass/passing/hand/handing this/it on/over/along",
    "pass/passing/hand/handing your case/details on/over/along",
    "hand/handing you over",
    "refer/referring this/it",
    "refer/referring your case",
    "my/a/the/your supervisor/manager",
    "specialist/specialized/escalations team/department",
    "another/other department/team",
    "the right department/team",
    "higher level",
    "senior team/support/agent",
    "tier 2 team/support",
    "second level team/support",
  ],
  declinedEscalation: CANNOT.map((cannot) => `${cannot} just? escalate/transfer`),
  /** Someone other than the agent, as the subject of a promise: `our billing team will call you`. */
  thirdParty: [OTHERS],
  /** A promise that the customer will be contacted again, whoever by. */
  followUp: [
    "contact/call/email/phone/text/reach you",
    "reach out to you",
    "get back to you",
    "be in touch",
    "hear from them/us/someone",
    "follow up with you",
    "call you back",
  ],
  /** The problem dealt with before the call ended: the agent confirms, or the customer says it works. */
  resolved: [
    `been/was/got ${DONE}`,
    `is/are now ${DONE}`,
    `it's/that's all? ${DONE}`,
    "taken care of",
    `i've just/now/already/successfully? ${ACTED}`,
    `i have just/now/already/successfully? ${ACTED}`,
    "i've gone ahead and",
    "i have gone ahead and",
    "all set",
    "all done",
    "good to go",
    "should be working/work/fine now",
    "you should now be able",
    "you can now",
    "back up and running",
    "problem solved",
    "that worked",
    "it worked",
    "it works/worked now",
    "works/working now",
    "that did it",
    "that did the trick",
    "that fixed it",
    "that solves/resolves",
    "glad/happy i/we could",
    "glad/happy i/we was/were able to",
    "that makes sense",
    "it all makes sense",
    "that/this helps/helped",
    "that's all i needed",
    "you've been very/so/really/a? helpful/great/lifesaver",
    "you have been very/so/really/a? helpful/great/lifesaver",
    "above and beyond",
  ],
  /** The problem still open: the agent cannot act, the agent will come back to it, or the customer says so. */
  unresolved: [
    "unable to",
    "not able to",
    "won't be able",
    "can't/cannot do/help/resolve/offer/process/issue/find/guarantee/change/fix/refund/waive/override/make",
    "unfortunately",
    "i'm afraid",
    "nothing i/we can do",
    "nothing more i/we can do",
    "not possible",
    "isn't possible",
    "no way to",
    "there's no way",
    "still not/no/haven't/hasn't/waiting/doesn't/isn't/won't/can't/broken",
    "not working",
    "doesn't/didn't work",
    "not fixed/resolved/sorted",
    "call/contact your/the bank",
    "check with your/the bank",
    "look/looking into it/this further",
    "investigate/investigating/investigation/investigated",
    "not satisfied/happy",
    "waste of time",
    "hope we can",
    ...["i'll", "i will"].flatMap((will) => [
      `${will} call/try back/again`,
      `${will} have to call/try/think`,
      `${will} think about it`,
    ]),
    "forget it",
    "never mind",
    "doesn't help",
  ],
};
