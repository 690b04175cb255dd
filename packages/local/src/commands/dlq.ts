import { setTimeout as sleep } from "node:timers/promises";
import { type ServiceName, serviceNames } from "@recap/shared/topology";
import Table from "cli-table3";
import { type Command, InvalidArgumentError } from "commander";
import { type ParkedMessage, PEEK_SECONDS, peekParked, redriveParked } from "../inspect/parked-messages.ts";
import { onTarget, printJson, type TargetFlags, wholeNumber, withJson, withTarget } from "./options.ts";
import { COMPACT } from "./table-style.ts";

type Flags = TargetFlags & { json?: boolean };

export function registerDlq(program: Command): void {
  const dlq = program
    .command("dlq")
    .description(
      "the dead-letter queues: messages a service failed to handle too often, parked with their attributes; list, show, and redrive them to the service once the cause is fixed",
    );
  withJson(
    withTarget(
      dlq
        .command("list")
        .description("parked messages per service (every service, or the one named), without taking them")
        .argument("[service]", `one of ${serviceNames.join(", ")}`, service)
        .option("--limit <n>", "at most this many per service", wholeNumber(1), 100),
    ),
  ).action(list);
  withJson(
    withTarget(
      dlq
        .command("show")
        .description("one parked message whole: body, attributes, receive count")
        .argument("<service>", `one of ${serviceNames.join(", ")}`, service)
        .argument("<messageId>", "as `recap dlq list` shows it"),
    ),
  ).action(show);
  withJson(
    withTarget(
      dlq
        .command("redrive")
        .description(
          "move a service's parked messages back to its queue, as they are; the service handles them again (idempotently: a message already handled changes nothing)",
        )
        .argument("<service>", `one of ${serviceNames.join(", ")}`, service)
        .option("--max <n>", "move at most this many", wholeNumber(1), 100_000),
    ),
  ).action(redrive);
}

async function list(only: ServiceName | undefined, options: Flags & { limit: number }) {
  return onTarget(options, async (target, clients) => {
    const parked: Record<string, ParkedMessage[]> = {};
    for (const name of only ? [only] : serviceNames)
      parked[name] = await peekParked(clients.sqs, target.queues[name].deadLetters, options.limit);
    if (options.json) return printJson(parked);
    const table = new Table({ head: ["service", "message id", "receives", "sent", "event"], ...COMPACT });
    for (const [name, messages] of Object.entries(parked))
      for (const m of messages)
        table.push([
          name,
          m.messageId,
          String(m.receiveCount),
          m.sentAt ?? "",
          m.event ? `${m.event.type} ${m.event.id}` : "(not an event)",
        ]);
    const total = Object.values(parked).reduce((sum, m) => sum + m.length, 0);
    console.log(total === 0 ? `no parked messages in ${target.label}` : table.toString());
  });
}

async function show(name: ServiceName, messageId: string, options: Flags) {
  return onTarget(options, async (target, clients) => {
    const url = target.queues[name].deadLetters;
    const find = async () =>
      (await peekParked(clients.sqs, url, Number.POSITIVE_INFINITY)).find((m) => m.messageId === messageId);
    // A message another listing just peeked is back a moment later (PEEK_SECONDS).
    const message = (await find()) ?? (await sleep((PEEK_SECONDS + 0.5) * 1000).then(find));
    if (!message)
      throw new Error(
        `no message ${messageId} is parked for ${name} (\`recap dlq list ${name}\` lists them)`,
      );
    if (options.json) return printJson(message);
    console.log(
      `message ${message.messageId}, parked for ${name} after ${message.receiveCount} receives${message.sentAt ? `, sent ${message.sentAt}` : ""}`,
    );
    if (message.event) console.log(`event ${message.event.type} ${message.event.id}`);
    console.log(`attributes ${JSON.stringify(message.attributes ?? {})}`);
    console.log(`body\n${prettyBody(message.body)}`);
  });
}

async function redrive(name: ServiceName, options: Flags & { max: number }) {
  return onTarget(options, async (target, clients) => {
    const { queue, deadLetters } = target.queues[name];
    const moved = await redriveParked(clients.sqs, deadLetters, queue, options.max);
    if (options.json) return printJson({ service: name, moved });
    console.log(`moved ${moved} parked messages back to ${name}'s queue`);
  });
}

function service(value: string): ServiceName {
  if (!(serviceNames as readonly string[]).includes(value))
    throw new InvalidArgumentError(`one of ${serviceNames.join(", ")} is wanted, not "${value}"`);
  return value as ServiceName;
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
