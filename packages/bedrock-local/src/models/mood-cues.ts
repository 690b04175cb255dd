/**
 * Phrases that tell a customer's mood where single words do not (`phrases.ts` notation); `call-cues.ts` matches
 * them with the rest. General complaint language, and the agent's answers to it: agents apologize and name
 * the customer's feelings when a caller is upset, so what the agent says early is evidence of the caller's mood.
 */
export const MOOD_PHRASES = {
  /** The customer protesting: repetition, waiting, exasperation, threats to leave. */
  complaint: [
    "fed up",
    "sick of",
    "tired of",
    "had enough",
    "how many times",
    "second/third/fourth/fifth time",
    "every single? time",
    "over and over",
    "been waiting/trying/calling",
    "waste of time",
    "not good enough",
    "not acceptable",
    "makes no sense",
    "doesn't make any? sense",
    "are you kidding/serious",
    "you're kidding/joking",
    "you people",
    "take my business",
    "speak to/with a/your manager/supervisor",
  ],
  /** An apology or the agent naming the customer's feelings: what agents say to an upset caller. */
  apology: [
    "sorry/apologize/apologise/apologies",
    "understand your/the frustration",
    "understand how frustrating/annoying/stressful",
    "i can hear/see how/that",
    "frustrating for you",
  ],
};
