import { describe, expect, test } from "vitest";
import {
  errorResponseXml,
  readPublishRequest,
  refusalOf,
  undeliverableToRawSqs,
  withoutMembers,
  withSuccessfulMembers,
} from "./sns-limits.ts";

const TOPIC = "arn:aws:sns:us-east-1:000000000000:Summaries";

/** A PublishBatch form as the SNS client writes it (awsQuery): members and attribute entries from 1. */
function batchForm(entries: Array<{ id: string; message: string; attributes?: Record<string, string> }>) {
  const form = new URLSearchParams({ Action: "PublishBatch", Version: "2010-03-31", TopicArn: TOPIC });
  entries.forEach((entry, i) => {
    const member = `PublishBatchRequestEntries.member.${i + 1}`;
    form.append(`${member}.Id`, entry.id);
    form.append(`${member}.Message`, entry.message);
    Object.entries(entry.attributes ?? {}).forEach(([name, value], j) => {
      const attribute = `${member}.MessageAttributes.entry.${j + 1}`;
      form.append(`${attribute}.Name`, name);
      form.append(`${attribute}.Value.DataType`, "String");
      form.append(`${attribute}.Value.StringValue`, value);
    });
  });
  return form;
}

describe("readPublishRequest", () => {
  test("reads a Publish's message and attributes, a binary value decoded from base64", () => {
    const form = new URLSearchParams({
      Action: "Publish",
      TopicArn: TOPIC,
      Message: "hello",
      "MessageAttributes.entry.1.Name": "type",
      "MessageAttributes.entry.1.Value.DataType": "String",
      "MessageAttributes.entry.1.Value.StringValue": "summary.ready",
      "MessageAttributes.entry.2.Name": "blob",
      "MessageAttributes.entry.2.Value.DataType": "Binary",
      "MessageAttributes.entry.2.Value.BinaryValue": Buffer.alloc(30).toString("base64"),
    });
    const request = readPublishRequest(form);
    expect(request?.action).toBe("Publish");
    expect(request?.topicArn).toBe(TOPIC);
    expect(request?.entries).toHaveLength(1);
    expect(request?.entries[0]?.Message).toBe("hello");
    expect(request?.entries[0]?.MessageAttributes?.type).toEqual({
      DataType: "String",
      StringValue: "summary.ready",
    });
    expect(request?.entries[0]?.MessageAttributes?.blob?.BinaryValue?.byteLength).toBe(30);
  });

  test("reads a PublishBatch's entries in member order, members past 9 included", () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ id: `e${i}`, message: `m${i}` }));
    const request = readPublishRequest(batchForm(entries));
    expect(request?.entries.map((e) => [e.Id, e.Message, e.member])).toEqual(
      entries.map((e, i) => [e.id, e.message, i + 1]),
    );
  });

  test("any other action is not read", () => {
    expect(readPublishRequest(new URLSearchParams({ Action: "CreateTopic", Name: "t" }))).toBeUndefined();
  });
});

describe("refusalOf", () => {
  test("a binary attribute counts by its bytes, not its base64: 262,144 bytes in all pass", () => {
    const bytes = 262_144 - 5 - (4 + 6);
    const form = new URLSearchParams({
      Action: "Publish",
      Message: "hello",
      "MessageAttributes.entry.1.Name": "blob",
      "MessageAttributes.entry.1.Value.DataType": "Binary",
      "MessageAttributes.entry.1.Value.BinaryValue": Buffer.alloc(bytes).toString("base64"),
    });
    const request = readPublishRequest(form);
    expect(request && refusalOf(request)).toBeUndefined();
  });

  test("more than ten entries is refused before their size is looked at", () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ id: `e${i}`, message: "x".repeat(30_000) }));
    const request = readPublishRequest(batchForm(entries));
    expect(request && refusalOf(request)?.code).toBe("TooManyEntriesInBatchRequest");
  });

  test("an empty batch is left to the emulator, which answers EmptyBatchRequest", () => {
    const request = readPublishRequest(batchForm([]));
    expect(request && refusalOf(request)).toBeUndefined();
  });
});

describe("entries dropped at raw SQS subscriptions", () => {
  const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, "v"]));
  const form = batchForm([
    { id: "kept-1", message: "one", attributes: { type: "t" } },
    { id: "dropped", message: "two", attributes: eleven },
    { id: "kept-2", message: "three" },
  ]);

  test("are those with more than ten attributes", () => {
    const request = readPublishRequest(form);
    expect(request && undeliverableToRawSqs(request).map((e) => e.Id)).toEqual(["dropped"]);
  });

  test("leave a form whose other members are numbered from 1 again, attributes and all", () => {
    const rest = readPublishRequest(withoutMembers(form, new Set([2])));
    expect(rest?.topicArn).toBe(TOPIC);
    expect(rest?.entries.map((e) => [e.member, e.Id, e.Message])).toEqual([
      [1, "kept-1", "one"],
      [2, "kept-2", "three"],
    ]);
    expect(rest?.entries[0]?.MessageAttributes?.type?.StringValue).toBe("t");
  });

  test("are answered among the emulator's successful entries", () => {
    const answer =
      "<PublishBatchResponse><PublishBatchResult><Successful><member><Id>kept-1</Id></member></Successful>";
    expect(withSuccessfulMembers(answer, "<member><Id>dropped</Id></member>")).toBe(
      "<PublishBatchResponse><PublishBatchResult><Successful><member><Id>dropped</Id></member><member><Id>kept-1</Id></member></Successful>",
    );
  });
});

test("an error document escapes what it quotes", () => {
  expect(
    errorResponseXml({ status: 400, code: "InvalidParameter", message: "a <b> & 'c'" }, "r-1"),
  ).toContain("<Message>a &lt;b&gt; &amp; &apos;c&apos;</Message>");
});
