import type { SpeakerRole } from "./transcript.ts";

/** Whose words a sentence is: it decides who `I`, `you` and `we` are. */
export type Voice = "agent" | "customer";

type Person = "self" | "listener";
type Form = "subject" | "object" | "possessive";

interface Persona {
  self: string;
  listener: string;
  /** Customers say `your` of the company, not of the agent. */
  listenerPossessive: string | undefined;
  group: string;
  groupIsPlural: boolean;
  groupPossessive: string;
  groupObject: string;
}

const PERSONAS: Record<Voice, Persona> = {
  customer: {
    self: "the customer",
    listener: "the agent",
    listenerPossessive: "the company's",
    group: "they",
    groupIsPlural: true,
    groupPossessive: "their",
    groupObject: "them",
  },
  agent: {
    self: "the agent",
    listener: "the customer",
    listenerPossessive: undefined,
    group: "the company",
    groupIsPlural: false,
    groupPossessive: "the company's",
    groupObject: "the company",
  },
};
const PRONOUNS: Record<Form, string> = { subject: "they", object: "them", possessive: "their" };

const CURLY_APOSTROPHE = /’/g;
/** Interjections that open spoken sentences and mean nothing in a summary: `Well,`, `Ah, yes,`, `Okay!`. */
const DISCOURSE_MARKERS =
  /^(?:(?:hello|hi|hey|well|ah|oh|okay|ok|alright|so|um|uh|hmm|yes|yeah|great|absolutely|certainly|sure|perfect|right|wow|now)\b[,!.]+\s+)+/i;
const ADVERBS =
  "just|really|also|recently|already|still|never|always|only|actually|definitely|truly|certainly|even|usually|often|totally|completely";
/**
 * The words this rewrite changes, found by one scan of the sentence: a subject (`I`, `you`, `we`, contracted or
 * not) with any adverbs and the word after it, whose verb form may have to agree; or an object or possessive.
 * Case matters for `I` (`i.e.` is not a person); a person word is never taken for the verb after a subject.
 */
const PERSON_WORD = new RegExp(
  "\\b(I|[Yy]ou|[Ww]e)(?:'(m|re|ve|ll|d))?\\b" +
    `((?: (?:${ADVERBS}))*)` +
    "(?: (?!(?:I|[Mm]e|[Mm]y|[Yy]ou|[Yy]our|[Ww]e|[Oo]ur|[Uu]s)\\b)([A-Za-z']+))?" +
    "|\\b([Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Yy]ourself|[Yy]ours?|[Oo]ur|[Uu]s)\\b",
  "g",
);
const NEXT_WORD = /^\W*([A-Za-z]+)/;
const CONTRACTION_VERBS: Record<string, { singular: string; plural: string }> = {
  m: { singular: "is", plural: "are" },
  re: { singular: "is", plural: "are" },
  ve: { singular: "has", plural: "have" },
  ll: { singular: "will", plural: "will" },
  d: { singular: "would", plural: "would" },
};
const SINGULAR_FORMS: Record<string, string> = {
  am: "is",
  are: "is",
  were: "was",
  "aren't": "isn't",
  "weren't": "wasn't",
  have: "has",
  "haven't": "hasn't",
  do: "does",
  "don't": "doesn't",
};
const PLURAL_FORMS: Record<string, string> = { am: "are", was: "were", "wasn't": "weren't" };
/** Present-tense verbs common in calls; others are left as they are rather than guessed at. */
const REGULAR_VERBS = new Set(
  (
    "need want like think know see get mean feel understand believe hope try go make take say appreciate agree " +
    "expect wonder remember receive keep use pay prefer plan love guess find worry wish work notice realize " +
    "suppose assume care come check call look ask tell recall apologize owe deserve live own run send value " +
    "recommend suggest promise confirm order buy place"
  ).split(" "),
);
/** Auxiliaries: after one, `you`/`I` is the subject of a question and the verb keeps its form (`do you have`). */
const AUXILIARIES = new Set(
  "do does did can could will would should may might must shall are is was were have has had".split(" "),
);
/** Words after which `you` opens a clause, so is its subject. */
const CLAUSE_OPENERS = new Set(
  "and but so or if when because that as once since until before after while unless though although then where what how why which who".split(
    " ",
  ),
);
/** Words after which `you` is an object: `let you know`, `thank you`, `for you`. */
const OBJECT_TAKERS = new Set(
  "let help make to for with at from about thank tell give send show ask assure contact call email reach".split(
    " ",
  ),
);
const CLAUSE_PUNCTUATION = /[,;:!?.—–-]$/;
const COMPANY_WORDS = new Set(["company", "business", "firm", "organization", "organisation"]);
const SIBILANT_OR_O_ENDING = /(?:s|sh|ch|x|z|o)$/;
const CONSONANT_Y_ENDING = /[^aeiou]y$/;

/** A sentence as a summary reports it: in the third person when the speaker's role is known. */
export function reported(sentence: string, role: SpeakerRole): string {
  return role === "other" ? sentence : toThirdPerson(sentence, role);
}

/**
 * Reports a speaker's sentence in the third person: `Okay, I'll send you a confirmation email` said by the
 * agent becomes `The agent will send the customer a confirmation email`. Gender-neutral: a person is named,
 * then `they`/`them`/`their` while no one else has been named since. A word-level rewrite with verb agreement
 * for common verbs; it never adds content, and what it does not recognise is left as written.
 */
export function toThirdPerson(sentence: string, voice: Voice): string {
  const persona = PERSONAS[voice];
  let lastNamed: Person | undefined;
  /** `the customer` the first time, `they` while the customer is the last person named. */
  const refer = (person: Person, form: Form): { text: string; plural: boolean } => {
    const pronoun = lastNamed === person;
    lastNamed = person;
    if (pronoun) return { text: PRONOUNS[form], plural: true };
    const noun = person === "self" ? persona.self : persona.listener;
    return { text: form === "possessive" ? `${noun}'s` : noun, plural: false };
  };

  const text = (sentence.includes("’") ? sentence.replace(CURLY_APOSTROPHE, "'") : sentence).replace(
    DISCOURSE_MARKERS,
    "",
  );
  const rewrite = (
    match: string,
    subject: string | undefined,
    contraction: string | undefined,
    adverbs: string,
    next: string | undefined,
    object: string | undefined,
    offset: number,
  ): string => {
    if (object) return objectForm(object.toLowerCase(), text.slice(offset + match.length), persona, refer);
    const lower = subject?.toLowerCase();
    const following = next ? ` ${next}` : "";
    const before = wordBefore(text, offset);
    if (lower === "you" && !contraction && !isSubjectYou(before, next)) {
      return `${refer("listener", "object").text}${adverbs}${following}`;
    }
    const reference =
      lower === "we"
        ? { text: persona.group, plural: persona.groupIsPlural }
        : refer(lower === "i" ? "self" : "listener", "subject");
    if (contraction)
      return `${reference.text} ${verbOf(contraction, reference.plural)}${adverbs}${following}`;
    const agreed =
      next && !AUXILIARIES.has(before)
        ? agree(next.toLowerCase(), reference.plural ? "plural" : "singular")
        : undefined;
    return `${reference.text}${adverbs}${agreed ? ` ${agreed}` : following}`;
  };
  // An `exec` loop rather than `replace` with a callback, which costs several times more per match on V8.
  let result = "";
  let copied = 0;
  PERSON_WORD.lastIndex = 0;
  for (let found = PERSON_WORD.exec(text); found; found = PERSON_WORD.exec(text)) {
    const match = found[0];
    const rewritten = rewrite(match, found[1], found[2], found[3] ?? "", found[4], found[5], found.index);
    result += text.slice(copied, found.index) + rewritten;
    copied = found.index + match.length;
  }
  return capitalized(result + text.slice(copied));
}

function capitalized(text: string): string {
  const first = text.charCodeAt(0);
  // Most sentences start with an ASCII letter: only other first characters need the Unicode case mapping.
  if (first >= 65 && first <= 90) return text;
  if (first >= 97 && first <= 122) return String.fromCharCode(first - 32) + text.slice(1);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function objectForm(
  word: string,
  after: string,
  persona: Persona,
  refer: (person: Person, form: Form) => { text: string },
): string {
  switch (word) {
    case "me":
      return refer("self", "object").text;
    case "my":
      return refer("self", "possessive").text;
    case "mine":
      return "theirs";
    case "myself":
    case "yourself":
      return "themselves";
    case "our":
      return persona.groupPossessive;
    case "us":
      return persona.groupObject;
    default: {
      // `your`, `yours`: `your company` is the company, whoever says it.
      if (COMPANY_WORDS.has((NEXT_WORD.exec(after)?.[1] ?? "").toLowerCase())) return "the";
      return persona.listenerPossessive ?? refer("listener", "possessive").text;
    }
  }
}

/**
 * Whether a `you` is a subject (`if you need`, `I see you have`) or an object (`thank you`, `let you know`), from
 * the word before it (with its punctuation) and the word after it.
 */
function isSubjectYou(before: string, next: string | undefined): boolean {
  if (
    before === "" ||
    CLAUSE_PUNCTUATION.test(before) ||
    AUXILIARIES.has(before) ||
    CLAUSE_OPENERS.has(before)
  ) {
    return true;
  }
  if (OBJECT_TAKERS.has(before)) return false;
  const verb = next?.toLowerCase() ?? "";
  return verb in SINGULAR_FORMS || REGULAR_VERBS.has(verb);
}

/** The lowercased word just before `offset`, with any punctuation it ends with, or `""`. */
function wordBefore(text: string, offset: number): string {
  const end = text.lastIndexOf(" ", offset - 1);
  if (end < 0) return "";
  return text.slice(text.lastIndexOf(" ", end - 1) + 1, end).toLowerCase();
}

function verbOf(suffix: string, plural: boolean): string {
  const verb = CONTRACTION_VERBS[suffix];
  return (plural ? verb?.plural : verb?.singular) ?? "";
}

function agree(verb: string, as: "singular" | "plural"): string | undefined {
  if (as === "plural") return PLURAL_FORMS[verb];
  return SINGULAR_FORMS[verb] ?? (REGULAR_VERBS.has(verb) ? thirdPersonSingular(verb) : undefined);
}

/** `need` → `needs`, `try` → `tries`, `go` → `goes`, `wish` → `wishes`. */
function thirdPersonSingular(verb: string): string {
  if (SIBILANT_OR_O_ENDING.test(verb)) return `${verb}es`;
  if (CONSONANT_Y_ENDING.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}
