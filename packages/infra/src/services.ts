import { linksOf, type ServiceSpec, serviceNames, services } from "../../../shared/src/topology.ts";
import { linkable, permissionsOf } from "./links.ts";
import { queues } from "./queues.ts";

export const RUNTIME = "nodejs22.x" as const;

/**
 * One Lambda per service, fed by its own queue. SST's queue subscriber adds the SQS consume permissions;
 * everything else comes from permissionsOf. Partial batch responses let a handler fail one record
 * without redelivering the whole batch.
 */
export const subscribers = Object.fromEntries(
  serviceNames.map((service) => {
    const spec: ServiceSpec = services[service];
    const subscriber = queues[service].subscribe(
      {
        handler: spec.handler,
        description: spec.description,
        runtime: RUNTIME,
        timeout: `${spec.timeoutSeconds} seconds`,
        memory: `${spec.memoryMb} MB`,
        link: linksOf(service).map(linkable),
        permissions: permissionsOf(service),
      },
      { batch: { size: spec.batchSize, partialResponses: true } },
    );
    return [service, subscriber];
  }),
);
