import {
  SNS_MAX_BATCH_ENTRIES,
  SNS_MAX_PAYLOAD_BYTES,
  SNS_MAX_RAW_DELIVERY_ATTRIBUTES,
  type SnsAttributeValue,
  type SnsMessage,
  snsMessageBytes,
} from "@recap/shared";

/** One message of a Publish, or one entry of a PublishBatch, as read from its awsQuery form. */
export interface PublishedEntry extends SnsMessage {
  /** The batch entry's `Id`; absent for Publish. */
  Id?: string;
  /** Its place in the request: 1 for Publish, the member number for a batch entry. */
  member: number;
}

/** A Publish or PublishBatch request, read from the form the SNS client sends (awsQuery). */
export interface PublishRequest {
  action: "Publish" | "PublishBatch";
  topicArn: string | undefined;
  entries: PublishedEntry[];
}

/** What SNS answers a request it refuses whole: the awsQuery error the SDK turns into a named exception. */
export interface SnsRefusal {
  status: number;
  code: string;
  message: string;
}

const BATCH_MEMBER = /^PublishBatchRequestEntries\.member\.(\d+)\.(.+)$/;
const ATTRIBUTE_ENTRY =
  /^MessageAttributes\.entry\.(\d+)\.(Name|Value\.DataType|Value\.StringValue|Value\.BinaryValue)$/;

/** The Publish or PublishBatch in an SNS form, or `undefined` for any other action (passed on unread). */
export function readPublishRequest(form: URLSearchParams): PublishRequest | undefined {
  const action = form.get("Action");
  const topicArn = form.get("TopicArn") ?? undefined;
  if (action === "Publish") return { action, topicArn, entries: [{ ...readMessage(form), member: 1 }] };
  if (action !== "PublishBatch") return undefined;
  const members = new Map<number, URLSearchParams>();
  for (const [key, value] of form) {
    const match = BATCH_MEMBER.exec(key);
    if (!match) continue;
    const member = Number(match[1]);
    const fields = members.get(member) ?? new URLSearchParams();
    fields.append(match[2] ?? "", value);
    members.set(member, fields);
  }
  const entries = [...members]
    .sort(([a], [b]) => a - b)
    .map(([member, fields]) => ({ ...readMessage(fields), Id: fields.get("Id") ?? undefined, member }));
  return { action, topicArn, entries };
}

/** A message's body and attributes, from a form whose keys start at `Message` and `MessageAttributes`. */
function readMessage(form: URLSearchParams): SnsMessage {
  const attributes = new Map<string, { name?: string; value: SnsAttributeValue }>();
  for (const [key, value] of form) {
    const match = ATTRIBUTE_ENTRY.exec(key);
    if (!match) continue;
    const index = match[1] ?? "";
    const attribute = attributes.get(index) ?? { value: { DataType: undefined } };
    if (match[2] === "Name") attribute.name = value;
    else if (match[2] === "Value.DataType") attribute.value.DataType = value;
    else if (match[2] === "Value.StringValue") attribute.value.StringValue = value;
    else attribute.value.BinaryValue = Buffer.from(value, "base64");
    attributes.set(index, attribute);
  }
  const named = [...attributes.values()].filter((a) => a.name !== undefined);
  return {
    Message: form.get("Message") ?? undefined,
    MessageAttributes: Object.fromEntries(named.map((a) => [a.name, a.value])),
  };
}

/**
 * What SNS refuses whole, where fauxqs forgives it: a batch of more than ten entries, a batch whose
 * messages with their attributes add up to more than 262,144 bytes (fauxqs checks each entry alone, and
 * fails it on its own rather than the batch), one published message over 262,144 bytes. Codes, statuses and
 * wording are those of SNS's API model (botocore `sns/2010-03-31`) and of SNS's own answer to Publish.
 */
export function refusalOf(request: PublishRequest): SnsRefusal | undefined {
  if (request.action === "Publish") {
    const [entry] = request.entries;
    if (entry && snsMessageBytes(entry) > SNS_MAX_PAYLOAD_BYTES)
      return { status: 400, code: "InvalidParameter", message: "Invalid parameter: Message too long" };
    return undefined;
  }
  if (request.entries.length > SNS_MAX_BATCH_ENTRIES)
    return {
      status: 400,
      code: "TooManyEntriesInBatchRequest",
      message: "The batch request contains more entries than permissible.",
    };
  const bytes = request.entries.reduce((sum, entry) => sum + snsMessageBytes(entry), 0);
  if (bytes > SNS_MAX_PAYLOAD_BYTES)
    return {
      status: 400,
      code: "BatchRequestTooLong",
      message: "The length of all the batch messages put together is more than the limit.",
    };
  return undefined;
}

/**
 * Entries SNS accepts but never delivers to an SQS subscription with raw delivery: more than ten message
 * attributes. AWS drops them there as a client-side delivery error; the publisher sees a MessageId.
 */
export function undeliverableToRawSqs(request: PublishRequest): PublishedEntry[] {
  return request.entries.filter(
    (entry) => Object.keys(entry.MessageAttributes ?? {}).length > SNS_MAX_RAW_DELIVERY_ATTRIBUTES,
  );
}

/** The form without the given batch members, the rest numbered from 1 again as awsQuery requires. */
export function withoutMembers(form: URLSearchParams, dropped: ReadonlySet<number>): URLSearchParams {
  const kept = [
    ...new Set(
      [...form.keys()].flatMap((key) => {
        const member = Number(BATCH_MEMBER.exec(key)?.[1]);
        return Number.isNaN(member) || dropped.has(member) ? [] : [member];
      }),
    ),
  ].sort((a, b) => a - b);
  const renumbered = new Map(kept.map((member, i) => [member, i + 1]));
  const result = new URLSearchParams();
  for (const [key, value] of form) {
    const match = BATCH_MEMBER.exec(key);
    if (!match) result.append(key, value);
    else {
      const member = renumbered.get(Number(match[1]));
      if (member !== undefined)
        result.append(`PublishBatchRequestEntries.member.${member}.${match[2]}`, value);
    }
  }
  return result;
}

const SNS_XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** awsQuery's error document: the SDK reads `Code` and raises the exception the API model names for it. */
export function errorResponseXml(refusal: SnsRefusal, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${SNS_XMLNS}"><Error><Type>Sender</Type><Code>${refusal.code}</Code>` +
    `<Message>${escapeXml(refusal.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

/** A Publish answered without delivery, as SNS answers one it will drop at every raw SQS subscription. */
export function publishResponseXml(messageId: string, requestId: string): string {
  return (
    `<PublishResponse xmlns="${SNS_XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`
  );
}

/** `<Successful>` members for batch entries answered without delivery. */
export function successfulMembersXml(entries: ReadonlyArray<{ id: string; messageId: string }>): string {
  return entries
    .map((e) => `<member><Id>${escapeXml(e.id)}</Id><MessageId>${e.messageId}</MessageId></member>`)
    .join("");
}

/**
 * A PublishBatch answer with entries answered here added to those the emulator answered (fauxqs always
 * writes a `<Successful>` list, empty or not).
 */
export function withSuccessfulMembers(batchResponseXml: string, members: string): string {
  return batchResponseXml.replace("<Successful>", `<Successful>${members}`);
}

/** A PublishBatch answer for a batch whose every entry is answered here. */
export function publishBatchResponseXml(members: string, requestId: string): string {
  return (
    `<PublishBatchResponse xmlns="${SNS_XMLNS}"><PublishBatchResult><Successful>${members}</Successful>` +
    `<Failed></Failed></PublishBatchResult><ResponseMetadata><RequestId>${requestId}</RequestId>` +
    `</ResponseMetadata></PublishBatchResponse>`
  );
}
