import { profileNamed, profileNames, type SummaryProfile, type transcriptSubmitted } from "@recap/shared";
import type { z } from "zod";
import type { Rejected } from "./normalize.ts";

type Submission = z.output<(typeof transcriptSubmitted)["data"]>;

/** S3's own limit on a key; a longer one is refused with a 400 that no retry can fix. */
const MAX_S3_KEY_BYTES = 1024;

/**
 * What must hold of a schema-valid submission before anything is read for it: a profile Recap knows, and a
 * `contentUri` (when given) that points where Recap reads transcripts from. Pure: the Store bucket is passed in.
 */
export function admitSubmission(
  submission: Submission,
  bucket: string,
): { kind: "admitted"; profile: SummaryProfile } | Rejected {
  const profile = profileNamed(submission.profile);
  if (!profile) {
    return rejected(`unknown profile "${submission.profile}"; known: ${profileNames().join(", ")}`);
  }
  if (submission.contentUri !== undefined) {
    const problem = referenceProblem(submission.contentUri, bucket);
    if (problem) return rejected(problem);
  }
  return { kind: "admitted", profile };
}

/**
 * Why a contentUri cannot be read, or undefined when it can. Only `raw/` in the Store bucket is read: another
 * bucket, another prefix of the Store (`normalized/`, `summaries/`), or a key that climbs out of `raw/` with
 * `.`/`..` segments (which S3 takes literally, but an HTTP layer in between may not) is refused, as is a key
 * S3 itself would refuse. The URI is not quoted back: it is the producer's, and may be long.
 */
export function referenceProblem(contentUri: string, bucket: string): string | undefined {
  const readable = `s3://${bucket}/raw/`;
  if (!contentUri.startsWith(readable)) {
    return `contentUri must be under ${readable}, the only place Recap reads transcripts from`;
  }
  const key = contentUri.slice(`s3://${bucket}/`.length);
  const segments = key.split("/").slice(1);
  if (segments.some((segment) => segment === "." || segment === ".."))
    return "contentUri holds `.` or `..` path segments: name the object under raw/ directly";
  if (segments.at(-1) === "") return "contentUri names a folder, not an object: give the object's key";
  if (/[\p{Cc}\\]/u.test(key))
    return "contentUri holds control characters or backslashes, which no key of Recap's has";
  if (Buffer.byteLength(key) > MAX_S3_KEY_BYTES)
    return `contentUri's key is over ${MAX_S3_KEY_BYTES} bytes, the longest S3 allows`;
  return undefined;
}

function rejected(message: string): Rejected {
  return { kind: "rejected", code: "invalid-event", message };
}
