/** A worker's Powertools JSON log line, made readable for a terminal: `12:00:01 ingest-normalizer INFO …`. */
export function formatLogLine(service: string, line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${service} ${line}`;
  }
  const { level, message, timestamp, service: _service, sampling_rate: _rate, ...rest } = entry;
  const time = typeof timestamp === "string" ? timestamp.slice(11, 19) : "";
  const details = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : "";
  return `${time} ${service} ${String(level ?? "")} ${String(message ?? "")}${details}`;
}
