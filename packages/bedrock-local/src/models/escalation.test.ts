import { expect, test } from "vitest";
import { wasHandedOn } from "./escalation.ts";
import { findTranscript } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

function handedOn(text: string) {
  const turns = findTranscript(text)?.turns ?? [];
  return wasHandedOn(turns, utterancesOf(turns));
}

test.each([
  [
    "a transfer",
    "Customer: My router keeps dropping.\nAgent: I'm putting you through to our network engineers now.",
  ],
  [
    "a case passed to another team that will follow up",
    "Customer: The invoice total is wrong.\nAgent: I've logged it, and our accounts department will contact you by Friday.",
  ],
  [
    "a promise that they will call back",
    "Customer: My parcel never came.\nAgent: I've sent the details to the courier desk. They'll call you tomorrow.",
  ],
  [
    "a supervisor joining",
    "Customer: Hello?\nAgent: One moment.\nSupervisor: Hi, I'm taking over this call.",
  ],
])("%s is a handover", (_, transcript) => {
  expect(handedOn(transcript)).toBe(true);
});

test.each([
  [
    "a call-back the agent keeps",
    "Customer: The meter reading looks off.\nAgent: I'll check the readings and I'll call you back this afternoon.",
  ],
  [
    "the agent following up after a team reports",
    "Customer: My order is late.\nAgent: Once the warehouse team replies, I will contact you myself.",
  ],
  [
    "a refused escalation",
    "Customer: Put me through to someone else.\nAgent: I'm not able to transfer you, but I can take care of it here.",
  ],
])("%s is not a handover", (_, transcript) => {
  expect(handedOn(transcript)).toBe(false);
});
