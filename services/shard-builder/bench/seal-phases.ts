/**
 * Which step of a seal a request belongs to, told from the request alone (services/ code is not touched):
 * the lease's own updates are "background" because renewals happen inside the claims and the streaming.
 */
export type SealPhase =
  | "read group"
  | "due check"
  | "query pending"
  | "record map reads"
  | "record map upload"
  | "begin seal"
  | "claims"
  | "input check"
  | "line streaming"
  | "publish"
  | "finish seal"
  | "other";

export const BACKGROUND = "background" as const;

export function dynamoPhase(
  commandName: string,
  input: Record<string, unknown>,
): SealPhase | typeof BACKGROUND {
  if (commandName.startsWith("Get")) return "read group";
  // The consistent re-read of a planned shard's members, which is also where its record map lines come from.
  if (commandName.startsWith("BatchGet")) return "record map reads";
  if (commandName.startsWith("Query")) return input.Limit === 1 ? "due check" : "query pending";
  const update = String(input.UpdateExpression ?? "");
  if (update.startsWith("SET #shard")) return "claims";
  if (update.startsWith("SET sealing")) return "begin seal";
  if (update.startsWith("REMOVE sealing")) return "finish seal";
  if (update.includes("leaseOwner")) return BACKGROUND;
  return "other";
}

/** An S3 request of a seal uploads the record map, looks for the input, or streams it (line gets, part puts). */
export function s3Phase(commandName: string, input: Record<string, unknown>): SealPhase {
  if (String(input.Key ?? "").endsWith("record-map.jsonl")) return "record map upload";
  return commandName.startsWith("HeadObject") ? "input check" : "line streaming";
}
