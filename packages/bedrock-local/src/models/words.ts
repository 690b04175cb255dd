/** Word counts for length limits: text here is already whitespace-collapsed, so a space separates words. */
export function countWords(text: string): number {
  if (text === "") return 0;
  let words = 1;
  for (let i = text.indexOf(" "); i !== -1; i = text.indexOf(" ", i + 1)) words++;
  return words;
}

/** The first `max` words, with an ellipsis when something was cut. */
export function limitWords(text: string, max: number): string {
  const words = text.split(" ");
  return words.length <= max ? text : `${words.slice(0, max).join(" ")}…`;
}
