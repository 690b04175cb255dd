import { expect, test } from "vitest";
import { assessResolution } from "./resolution.ts";
import { findTranscript } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

function assess(text: string) {
  const turns = findTranscript(text)?.turns ?? [];
  return assessResolution(turns, utterancesOf(turns));
}

test.each([
  [
    "a refund issued",
    "Customer: I was charged twice.\nAgent: I've processed a refund for the duplicate charge.\nCustomer: Great, thanks so much.\nAgent: You're welcome.",
    "resolved",
  ],
  [
    "a fix confirmed by the customer",
    "Customer: I can't log in.\nAgent: Try resetting the password now.\nCustomer: Oh, that worked! It works now.\nAgent: Glad I could help.",
    "resolved",
  ],
  [
    "a handover to a supervisor",
    "Customer: This is unacceptable.\nAgent: I understand. Let me transfer you to my supervisor.\nSupervisor: Hello, I can help.",
    "escalated",
  ],
  [
    "a supervisor joining",
    "Customer: Hi.\nAgent: One moment.\nSupervisor: Hi, I'm the supervisor on duty.\nCustomer: Thanks.",
    "escalated",
  ],
  [
    "an agent who cannot act",
    "Customer: I need a refund.\nAgent: Unfortunately I'm unable to issue a refund after 90 days.\nCustomer: That's not satisfying at all.\nAgent: I'm sorry, there's nothing else.",
    "unresolved",
  ],
  [
    "a bank call still to make",
    "Customer: My card was declined.\nAgent: Please call your bank, and I hope we can get this sorted.\nCustomer: OK, I'll be in touch.",
    "unresolved",
  ],
  [
    "a call that says neither",
    "Customer: What are your opening hours?\nAgent: Nine to five.\nCustomer: OK, bye.",
    "unknown",
  ],
])("%s is %s", (_, transcript, resolution) => {
  expect(assess(transcript)).toBe(resolution);
});

test("an agent declining to escalate is not an escalation", () => {
  const verdict = assess(
    "Customer: Get me a supervisor.\nAgent: I'm not able to escalate this to a supervisor, but I have issued a credit.\nAgent: The credit has been applied.\nCustomer: Fine.",
  );
  expect(verdict).toBe("resolved");
});

test.each([
  [
    "a case passed to another team",
    "Customer: My refund never arrived.\nAgent: I've raised it, and our payments team will contact you within two days.\nCustomer: Okay, thanks.",
    "escalated",
  ],
  [
    "a call-back the agent keeps",
    "Customer: My meter reading is wrong.\nAgent: I'll check with the reading records and call you back tomorrow.\nCustomer: Okay.",
    "unresolved",
  ],
  [
    "an agent's confirmation and the customer's thanks",
    "Customer: Can you change my delivery day?\nAgent: Sure. You're all set for Thursday.\nCustomer: Okay, thank you.",
    "resolved",
  ],
  [
    "a customer saying it still fails at the end",
    "Customer: My app won't open.\nAgent: I've reset your session.\nCustomer: Hmm.\nAgent: Try now.\nCustomer: One second.\nAgent: Sure.\nCustomer: No, it's still not working.\nAgent: I see.",
    "unresolved",
  ],
])("%s is %s", (_, transcript, resolution) => {
  expect(assess(transcript)).toBe(resolution);
});

test("the customer's `it doesn't work` when telling the problem is not the outcome", () => {
  const verdict = assess(
    "Customer: My login doesn't work.\nAgent: I've unlocked your account.\nCustomer: Hang on.\nAgent: Sure.\nCustomer: Yes, I'm in, that worked.\nAgent: Great.",
  );
  expect(verdict).toBe("resolved");
});

test("venting at the end does not reopen a problem the agent solved", () => {
  const verdict = assess(
    "Customer: Cancel my plan.\nAgent: Of course.\nCustomer: It took ages.\nAgent: I have cancelled your plan effective today.\nCustomer: Fine. What an awful experience.\nAgent: Sorry about that.",
  );
  expect(verdict).toBe("resolved");
});
