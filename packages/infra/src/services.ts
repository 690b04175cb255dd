import { linksOf, type ServiceName, type ServiceSpec, serviceNames, services } from "@recap/shared/topology";
import { linkable, permissionsOf } from "./links.ts";
import { queues } from "./queues.ts";

export const RUNTIME = "nodejs22.x" as const;

/**
 * Who may assume a function's role: Lambda, and nobody else. SST 4.17 means to let the account itself assume
 * it too only in `sst dev`, whose local runtime runs a function with its role's credentials, but it tests
 * `!dev` where `dev` is an Output, an object and so always truthy: every deployed role would also trust
 * `arn:aws:iam::<account>:root`, and any principal of the account allowed sts:AssumeRole would gain the
 * function's permissions. In `sst dev` SST's own policy is left alone, since its live functions need it.
 */
const lambdaOnlyTrust = $jsonStringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** Limits AWS enforces at deploy time, checked here so a bad topology fails before anything is created. */
function checkedSpec(service: ServiceName): ServiceSpec {
  const spec: ServiceSpec = services[service];
  const fail = (why: string) => {
    throw new Error(`${service}: ${why}`);
  };
  // An SQS event source's maximum concurrency is 2 to 1,000.
  if (!Number.isInteger(spec.concurrency) || spec.concurrency < 2 || spec.concurrency > 1000)
    fail(`concurrency ${spec.concurrency} is outside SQS's event-source maximum concurrency (2–1000)`);
  if (!Number.isInteger(spec.batchSize) || spec.batchSize < 1 || spec.batchSize > 10_000)
    fail(`batchSize ${spec.batchSize} is outside 1–10000`);
  if (
    !Number.isInteger(spec.batchWindowSeconds) ||
    spec.batchWindowSeconds < 0 ||
    spec.batchWindowSeconds > 300
  )
    fail(`batchWindowSeconds ${spec.batchWindowSeconds} is outside 0–300`);
  if (spec.batchSize > 10 && spec.batchWindowSeconds < 1)
    fail(`batchSize ${spec.batchSize} > 10 needs a batch window of at least 1 second`);
  return spec;
}

/**
 * One Lambda per service, fed by its own queue. SST's queue subscriber adds the SQS consume permissions;
 * everything else comes from permissionsOf. Partial batch responses let a handler fail one record
 * without redelivering the whole batch.
 *
 * `concurrency` caps the service twice, on purpose: reserved concurrency so no other function can take its
 * instances (and it cannot take theirs), and the event source's maximum concurrency, the same number, so
 * the SQS poller never invokes more instances than are reserved (beyond that Lambda would throttle, and
 * throttled batches go back to the queue and count towards maxReceiveCount).
 */
export const subscribers = Object.fromEntries(
  serviceNames.map((service) => {
    const spec = checkedSpec(service);
    const subscriber = queues[service].subscribe(
      {
        handler: spec.handler,
        description: spec.description,
        runtime: RUNTIME,
        timeout: `${spec.timeoutSeconds} seconds`,
        memory: `${spec.memoryMb} MB`,
        ...(spec.runtimeEnvironment ? { environment: { ...spec.runtimeEnvironment } } : {}),
        concurrency: { reserved: spec.concurrency },
        link: linksOf(service).map(linkable),
        permissions: permissionsOf(service),
        transform: {
          role: (role) => {
            if (!$dev) role.assumeRolePolicy = lambdaOnlyTrust;
          },
        },
      },
      {
        batch: {
          size: spec.batchSize,
          ...(spec.batchWindowSeconds > 0 ? { window: `${spec.batchWindowSeconds} seconds` as const } : {}),
          partialResponses: true,
        },
        // SST has no option for the event source's scaling config.
        transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: spec.concurrency } } },
      },
    );
    return [service, subscriber];
  }),
);
