/** Word counts for length limits: text here is already whitespace-collapsed, so a space separates words. */
export function countWords(text: string): number {
  if (text === "") return 0;
  let words = 1;
  for (let i = text.indexOf(" "); i !== -1; i = text.indexOf(" ", i + 1)) words++;
  return words;
}

/** The first `max` words, with an ellipsis when something was cut. Found by their spaces, without splitting. */
export function limitWords(text: string, max: number): string {
  // The cut is at the `max`-th space: with fewer spaces, every word fits.
  let cut = 0;
  for (let words = 0; words < max; words++) {
    cut = text.indexOf(" ", words === 0 ? 0 : cut + 1);
    if (cut === -1) return text;
  }
  return `${text.slice(0, cut)}…`;
}
