import { describe, expect, test } from "vitest";
import { PoisonMessageError } from "./errors.ts";
import {
  packSnsBatches,
  SNS_MAX_PAYLOAD_BYTES,
  type SnsMessage,
  snsMessageBytes,
  UnpublishableMessageError,
} from "./sns-batches.ts";

const message = (bytes: number, attributes: SnsMessage["MessageAttributes"] = {}): SnsMessage => ({
  Message: "x".repeat(bytes),
  MessageAttributes: attributes,
});
const totalBytes = (batch: SnsMessage[]) => batch.reduce((sum, m) => sum + snsMessageBytes(m), 0);

describe("snsMessageBytes", () => {
  test("counts the body in UTF-8 bytes, not characters", () => {
    // "é" is two bytes, "€" three, "😀" four (two UTF-16 units).
    expect(snsMessageBytes({ Message: "é€😀" })).toBe(9);
  });

  test("adds each attribute's name, data type and value", () => {
    expect(
      snsMessageBytes({
        Message: "ab",
        MessageAttributes: {
          type: { DataType: "String", StringValue: "summary.ready" },
          n: { DataType: "Number", StringValue: "42" },
        },
      }),
    ).toBe(2 + (4 + 6 + 13) + (1 + 6 + 2));
  });

  test("counts a binary value by its bytes", () => {
    const value = new Uint8Array(100);
    expect(
      snsMessageBytes({ Message: "", MessageAttributes: { b: { DataType: "Binary", BinaryValue: value } } }),
    ).toBe(1 + 6 + 100);
  });
});

describe("packSnsBatches", () => {
  test("packs small messages ten to a batch, in order", () => {
    const messages = Array.from({ length: 23 }, (_, i) => ({ Message: `m${i}` }));
    const batches = packSnsBatches(messages);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).toEqual(messages);
  });

  test("starts a new batch before the bytes together pass 262,144, attributes included", () => {
    // Ten 26 KB events with a 1 KB attribute each: 10 × 27,146 bytes = 271,460, over the limit.
    const attributes = { tenant: { DataType: "String", StringValue: "t".repeat(1_134) } };
    const messages = Array.from({ length: 10 }, () => message(26_000, attributes));
    expect(totalBytes(messages)).toBeGreaterThan(SNS_MAX_PAYLOAD_BYTES);
    const batches = packSnsBatches(messages);
    expect(batches.map((b) => b.length)).toEqual([9, 1]);
    for (const batch of batches) expect(totalBytes(batch)).toBeLessThanOrEqual(SNS_MAX_PAYLOAD_BYTES);
  });

  test("fills a batch to exactly 262,144 bytes and no further", () => {
    const half = SNS_MAX_PAYLOAD_BYTES / 2;
    expect(packSnsBatches([message(half), message(half), message(1)]).map((b) => b.length)).toEqual([2, 1]);
  });

  test("a message of exactly 262,144 bytes goes alone", () => {
    expect(packSnsBatches([message(1), message(SNS_MAX_PAYLOAD_BYTES), message(1)])).toHaveLength(3);
  });

  test("no messages, no batches", () => {
    expect(packSnsBatches([])).toEqual([]);
  });

  test("a message too big for SNS on its own is poison, named with its position and size, not its text", () => {
    const attributes = { type: { DataType: "String", StringValue: "summary.ready" } };
    const messages = [message(10), message(SNS_MAX_PAYLOAD_BYTES - 10, attributes)];
    const thrown = (() => {
      try {
        packSnsBatches(messages);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(UnpublishableMessageError);
    expect(thrown).toBeInstanceOf(PoisonMessageError);
    const error = thrown as UnpublishableMessageError;
    expect(error.name).toBe("UnpublishableMessageError");
    expect(error.reason).toBe("unpublishable-message");
    expect(error.message).toContain("message 2 of 2");
    expect(error.message).toContain(`${SNS_MAX_PAYLOAD_BYTES + 13} bytes`);
    expect(error.message).not.toContain("xxxx");
  });

  test("a message with more attributes than a raw SQS subscription receives is poison", () => {
    const attributes = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: "v" }]),
    );
    expect(() => packSnsBatches([message(10, attributes)])).toThrow(/11 message attributes/);
  });
});
