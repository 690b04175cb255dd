import { Logger } from "@aws-lambda-powertools/logger";

/**
 * Structured JSON logs. Recap logs ids, counts and reason codes only: never transcript text, summaries or
 * message bodies, which can carry personal data.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
