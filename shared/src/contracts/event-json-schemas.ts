import { z } from "zod";
import { catalogue, type EventType } from "../catalogue.ts";

/**
 * One JSON Schema (draft 2020-12) per event, envelope and data, generated from the same zod schemas the
 * services decode with: what a consumer in any language validates a message body against.
 */
export function eventJsonSchemas(): Record<EventType, Record<string, unknown>> {
  const schemas = {} as Record<EventType, Record<string, unknown>>;
  for (const type of Object.keys(catalogue) as EventType[]) {
    const definition = catalogue[type];
    schemas[type] = {
      $id: `https://recap.dev/contracts/schemas/${type}.json`,
      title: type,
      description: definition.description,
      ...z.toJSONSchema(definition.schema, { target: "draft-2020-12", io: "output" }),
    };
  }
  return schemas;
}
