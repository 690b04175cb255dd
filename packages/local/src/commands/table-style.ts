/**
 * cli-table3 settings for every table the CLI prints: no colours (a table reads the same in a terminal, a CI
 * log and a file) and no rule between rows (a long table stays readable).
 */
export const COMPACT = {
  style: { head: [], border: [] },
  chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
};
