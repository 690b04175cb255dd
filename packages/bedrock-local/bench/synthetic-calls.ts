import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Call transcripts for the benchmark: the 1,100 synthetic calls of the shared samples when present (unzipped
 * with the system `unzip`), otherwise calls generated here in their style, about 5 KB each, from a fixed seed.
 */
export function loadCalls(zipPath: string, generatedCount: number): { calls: string[]; source: string } {
  if (existsSync(zipPath)) {
    const dir = mkdtempSync(join(tmpdir(), "bench-calls-"));
    try {
      execFileSync("unzip", ["-q", zipPath, "-d", dir]);
      const textual = join(dir, "textual");
      return {
        calls: readdirSync(textual).map((name) => readFileSync(join(textual, name), "utf8")),
        source: zipPath,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const random = seededRandom(20_240_307);
  return {
    calls: Array.from({ length: generatedCount }, () => generateCall(random)),
    source: "generated (the shared samples are absent)",
  };
}

const TARGET_CHARS = 5_000;
const PROBLEMS = [
  [
    "I was charged twice for my order of the Oktank Deluxe Blender",
    "I've processed a refund for the duplicate charge",
  ],
  [
    "my package never arrived and the tracking hasn't moved in a week",
    "I've reshipped your order with express delivery",
  ],
  [
    "I want to cancel my subscription because the price went up again",
    "I have cancelled your subscription as of today",
  ],
  [
    "my card was declined when I tried to pay for my cart",
    "I'll send you a direct number for our payment team",
  ],
  [
    "the laptop I bought arrived with a cracked screen",
    "I've sent you a prepaid return label for a replacement",
  ],
] as const;
const MOODS = ["*anxiously*", "*angrily*", "*calmly*", "*sighs*", "*cheerfully*", ""];
const AGENT_LINES = [
  "I understand how frustrating that must be, and I'm here to help you get this sorted out today.",
  "Let me pull up your account. *typing* Could you confirm the email address associated with it?",
  "Thank you for your patience while I look into the details of your order history.",
  "I can see the issue on our end now, and I want to make sure we resolve it properly for you.",
  "Our records show the order was placed on the 3rd and the payment of $79.99 was captured twice.",
  "You'll receive a confirmation email within the hour with all the details we discussed.",
];
const CUSTOMER_LINES = [
  "Sure, it's {EMAIL}, and the one-time password is {PASSWORD}.",
  "I really appreciate you looking into this, it has been a stressful week.",
  "Okay, that makes sense. How long will it take for that to show up?",
  "Honestly I'm disappointed, this is the second time this has happened to me.",
  "Great, thank you so much for your help, that's a relief.",
];

function generateCall(random: () => number): string {
  const pickOf = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const [problem, fix] = pickOf(PROBLEMS);
  const lines = [
    "Agent: Thank you for calling Oktank customer support. My name is {NAME}. How can I assist you today?",
    `Customer: ${pickOf(MOODS)} Hi, I'm calling because ${problem}.`,
  ];
  while (lines.join("\n\n").length < TARGET_CHARS - 400) {
    lines.push(`Agent: ${pickOf(AGENT_LINES)}`, `Customer: ${pickOf(MOODS)} ${pickOf(CUSTOMER_LINES)}`);
  }
  lines.push(`Agent: Alright, ${fix}. Is there anything else I can help you with?`);
  lines.push("Customer: No, that's everything. Thank you, bye!", "Agent: Goodbye, and take care.");
  return lines.join("\n\n");
}

/** mulberry32: a small, fast, seedable generator, so every run benchmarks the same calls. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
