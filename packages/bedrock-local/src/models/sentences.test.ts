import { expect, test } from "vitest";
import { splitSentences } from "./sentences.ts";

test.each([
  ["One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]],
  ["It was $99.99, now $79.99. Deal?", ["It was $99.99, now $79.99.", "Deal?"]],
  ["Thank you, Mr. Lee. Bye.", ["Thank you, Mr. Lee.", "Bye."]],
  ["Really?! Yes... okay.", ["Really?!", "Yes...", "okay."]],
  ['He said "stop." Then left.', ['He said "stop."', "Then left."]],
  ["Visit oktank.com today.", ["Visit oktank.com today."]],
  ["", []],
])("splitSentences(%j)", (text, sentences) => {
  expect(splitSentences(text)).toEqual(sentences);
});
