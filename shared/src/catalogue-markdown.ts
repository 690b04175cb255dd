import { catalogue, type EventType } from "./catalogue.ts";
import { consumersOf, producersOf } from "./topology.ts";

/** Where an event's schema lives: one file per domain, named after the type's first segment. */
export function schemaFileOf(type: EventType): string {
  return `shared/src/events/${type.split(".")[0]}.ts`;
}

/** The README's event catalogue, derived from the catalogue and the topology so it cannot go stale. */
export function catalogueMarkdown(): string {
  const rows = (Object.keys(catalogue) as EventType[]).map((type) => {
    const definition = catalogue[type];
    const consumers = consumersOf(type);
    return `| \`${type}\` | ${definition.topic} | ${producersOf(type).join(", ")} | ${
      consumers.length > 0 ? consumers.join(", ") : "your subscribers"
    } | [${schemaFileOf(type)}](${schemaFileOf(type)}) | ${definition.description} |`;
  });
  return [
    "| event | topic | producer | consumers | schema | meaning |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
