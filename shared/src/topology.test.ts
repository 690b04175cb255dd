import { describe, expect, test } from "vitest";
import { catalogue, type EventType } from "./catalogue.ts";
import {
  consumersOf,
  linksOf,
  observationEvents,
  serviceNames,
  services,
  subscriptionsOf,
} from "./topology.ts";

describe("topology", () => {
  test("every event a service consumes is produced by a service or is Recap's input", () => {
    const produced = new Set<string>(serviceNames.flatMap((s) => services[s].publishes));
    for (const service of serviceNames) {
      for (const type of services[service].consumes) {
        expect(produced.has(type) || type === "transcript.submitted", `${service} consumes ${type}`).toBe(
          true,
        );
      }
    }
  });

  test("every event is consumed by a service, published on the outbound Summaries topic, or for observers", () => {
    for (const type of Object.keys(catalogue) as EventType[]) {
      const outbound = catalogue[type].topic === "Summaries";
      expect(consumersOf(type).length > 0 || outbound || observationEvents.includes(type), type).toBe(true);
    }
  });

  test("no stage consumes an observation event", () => {
    for (const type of observationEvents) expect(consumersOf(type), type).toEqual([]);
  });

  test("queues filter on type only where the topic carries events they do not want", () => {
    expect(subscriptionsOf("ingest-normalizer")).toEqual([{ topic: "Transcripts" }]);
    expect(subscriptionsOf("job-submitter")).toEqual([
      { topic: "Pipeline", filter: { type: ["shard.sealed", "job.finished"] } },
    ]);
  });

  test("each service links exactly the resources it uses", () => {
    // No dead-letter link: it rejects poison instead of parking it.
    expect(linksOf("ingest-normalizer")).toEqual(["Store", "Pipeline", "Summaries"]);
    expect(linksOf("shard-builder")).toEqual([
      "Store",
      "Pipeline",
      "ShardBuilderDeadLetters",
      "ShardBuilderTable",
    ]);
    expect(linksOf("job-submitter")).toEqual([
      "Store",
      "Pipeline",
      "JobSubmitterDeadLetters",
      "JobSubmitterTable",
      "BatchRole",
    ]);
    expect(linksOf("status-watcher")).toEqual(["Pipeline", "StatusWatcherDeadLetters", "StatusWatcherTable"]);
    expect(linksOf("result-publisher")).toEqual([
      "Store",
      "Pipeline",
      "Summaries",
      "ResultPublisherDeadLetters",
      "ResultPublisherTable",
    ]);
  });

  test("only the job submitter may hand Bedrock the batch role", () => {
    expect(serviceNames.filter((s) => linksOf(s).includes("BatchRole"))).toEqual(["job-submitter"]);
  });
});
