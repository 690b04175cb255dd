/** Human units for the table: durations pick their own unit, counts get thousands separators. */

export function duration(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return "—";
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(2)} h`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function percent(share: number, digits = 1): string {
  return Number.isNaN(share) ? "—" : `${(share * 100).toFixed(digits)} %`;
}

export function ratio(x: number): string {
  return `${x.toFixed(2)}×`;
}
