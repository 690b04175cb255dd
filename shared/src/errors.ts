/**
 * Failures split by what a retry can do about them. A handler throws one of these; the batch adapter
 * decides: a poison message is parked at once (retrying cannot fix it), a transient one goes back to the
 * queue for another attempt.
 */

/** The message can never be processed as it is: malformed JSON, wrong schema, unknown type. */
export class PoisonMessageError extends Error {
  // A string, not the literal, so that a named kind of poison can extend it.
  override readonly name: string = "PoisonMessageError";
  /** A short code for logs and dead-letter attributes, e.g. `not-json`. */
  readonly reason: string;
  constructor(message: string, reason: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/** Worth trying again later: throttling, a dependency briefly unavailable, a quota momentarily full. */
export class TransientFailureError extends Error {
  // A string, not the literal, so that a named kind of transient failure can extend it.
  override readonly name: string = "TransientFailureError";
}

/** A producer tried to emit an event that does not match its own schema: a bug, caught before it spreads. */
export class InvalidOutgoingEventError extends Error {
  override readonly name = "InvalidOutgoingEventError";
}
