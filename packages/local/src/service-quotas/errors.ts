/**
 * Service Quotas' errors as its awsJson1_1 protocol sends them: `{ "__type": name, "message" }` with a 400
 * (a 500 for ServiceException, the one modelled as a fault). botocore's service-2.json gives no other
 * status, so the SDK raises each under its name (`NoSuchResourceException`, …).
 */
export class ServiceQuotasError extends Error {
  readonly type: string;
  readonly status: number;
  /** Whether the same call may succeed later: throttling and faults, not a wrong request. */
  readonly retryable: boolean;
  constructor(type: string, message: string, options: { status?: number; retryable?: boolean } = {}) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = options.status ?? 400;
    this.retryable = options.retryable ?? false;
  }
}

export const illegalArgument = (message: string) =>
  new ServiceQuotasError("IllegalArgumentException", message);
export const noSuchResource = (message: string) => new ServiceQuotasError("NoSuchResourceException", message);
export const invalidPaginationToken = () =>
  new ServiceQuotasError("InvalidPaginationTokenException", "Invalid pagination token provided.");
export const tooManyRequests = () =>
  new ServiceQuotasError("TooManyRequestsException", "Rate exceeded, please slow down.", { retryable: true });
/** What an awsJson front answers for a target it does not serve (Coral's own name, namespace and all). */
export const unknownOperation = (message: string) =>
  new ServiceQuotasError("com.amazon.coral.service#UnknownOperationException", message);
export const serviceFault = (message: string) =>
  new ServiceQuotasError("ServiceException", message, { status: 500, retryable: true });
