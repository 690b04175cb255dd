import { randomUUID } from "node:crypto";

/** A short, made-up call in Recap's plain-text form, varied by `n`. */
export function plainTextCall(n: number): string {
  const issues = [
    "a double charge on my bill",
    "a password reset that never arrives",
    "an order that came damaged",
  ];
  return [
    "Agent: Thank you for calling, this is Sam. How can I help?",
    `Customer: *sighs* Hi Sam, I have ${issues[n % issues.length]}.`,
    "Agent: *typing* I am sorry about that. Let me look into it for you.",
    `Customer: Thanks. My reference is REF-${1000 + n}.`,
    "Agent: Done. You will get a confirmation email within the hour.",
    "Customer: Great, thank you.",
  ].join("\n");
}

export function submittedEvent(transcriptId: string, content: string, metadata: Record<string, string> = {}) {
  return {
    id: randomUUID(),
    type: "transcript.submitted",
    version: 1,
    time: new Date().toISOString(),
    producer: "test",
    correlationId: transcriptId,
    data: { transcriptId, content, metadata },
  };
}
