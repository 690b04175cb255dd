import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { UsageEvent } from "./usage-meter.ts";

/** Where billing events are kept between runs; without a data directory, nowhere. */
export interface UsageLog {
  load(): UsageEvent[];
  append(event: UsageEvent): void;
}

export const unloggedUsage: UsageLog = { load: () => [], append: () => {} };

/**
 * `{dataDir}/usage.jsonl`, one billing event a line, appended synchronously as each happens: a kill loses no
 * event that was answered for. A last line cut short by a crash is skipped on load.
 */
export function fileUsageLog(dataDir: string): UsageLog {
  const path = join(dataDir, "usage.jsonl");
  return {
    load() {
      if (!existsSync(path)) return [];
      const events: UsageEvent[] = [];
      for (const line of readFileSync(path, "utf8").split("\n")) {
        if (line.trim() === "") continue;
        try {
          events.push(JSON.parse(line) as UsageEvent);
        } catch {
          // A torn last write: the event was never answered for.
        }
      }
      return events;
    },
    append(event) {
      appendFileSync(path, `${JSON.stringify(event)}\n`);
    },
  };
}
