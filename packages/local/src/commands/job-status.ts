import { ModelInvocationJobStatus } from "@aws-sdk/client-bedrock";
import { InvalidArgumentError } from "commander";

const STATUSES: readonly string[] = Object.values(ModelInvocationJobStatus);

/**
 * `--status`: one of Bedrock's job statuses, in any case, spelt back as Bedrock spells it. Bedrock refuses a
 * statusEquals outside its enum with a ValidationException, so a typo is named here, with the choices.
 */
export function jobStatus(value: string): ModelInvocationJobStatus {
  const status = STATUSES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (!status) throw new InvalidArgumentError(`one of ${STATUSES.join(", ")} is wanted, not "${value}"`);
  return status as ModelInvocationJobStatus;
}
