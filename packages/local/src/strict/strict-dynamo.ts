import type { IncomingMessage, ServerResponse } from "node:http";
import { seededRandom } from "@recap/bedrock-local/seeded-random";
import {
  DynamoTarget,
  errorAnswer,
  jsonAnswer,
  operationOf,
  sendAnswer,
  type WireAnswer,
} from "./dynamo-wire.ts";
import { isReplica, LaggingIndexes, REPLICA_SUFFIX } from "./index-lag.ts";
import type { WireAttributeValue } from "./item-size.ts";
import { readBody, startLoopbackFront } from "./loopback-front.ts";
import { type BatchGetRequestItems, holdBackKeys, withUnprocessed } from "./unprocessed-keys.ts";

type WireItem = Record<string, WireAttributeValue>;

export interface StrictDynamoOptions {
  /** The emulator (dynalite) behind the front. */
  target: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a write takes to reach the table's global indexes; 0 serves index reads from the table at once. */
  indexLagMs: number;
  /** The share of BatchGetItem keys answered as UnprocessedKeys (seeded); none by default. */
  unprocessedKeysRate?: number;
}

export interface StrictDynamo {
  endpoint: string;
  port: number;
  /** BatchGetItem keys answered as unprocessed so far. */
  heldBack(): number;
  stop(): Promise<void>;
}

const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"]);
const TABLE_CHANGES = new Set(["CreateTable", "UpdateTable", "DeleteTable"]);
/** What the front may answer or change itself; anything else naming no replica passes through. */
const RULED = new Set([...WRITES, ...TABLE_CHANGES, "ListTables", "Query", "Scan", "BatchGetItem"]);

/**
 * DynamoDB as strict as AWS in front of dynalite, on 127.0.0.1: global indexes lag behind their table
 * (`indexLagMs`), replicas behind them never show, and BatchGetItem leaves a seeded share of keys unprocessed.
 * dynalite itself refuses items over 400 KB (counted as DynamoDB counts, see countItemSizeAsDynamoDb) and
 * consistent reads on a global index. Everything else passes through untouched.
 */
export async function startStrictDynamo(options: StrictDynamoOptions): Promise<StrictDynamo> {
  const dynamo = new DynamoTarget(options.target);
  const indexes = options.indexLagMs > 0 ? new LaggingIndexes(dynamo, options.indexLagMs) : undefined;
  const rate = options.unprocessedKeysRate ?? 0;
  const draw = seededRandom("unprocessed keys");
  let heldBack = 0;

  const rule = async (
    request: IncomingMessage,
    response: ServerResponse,
    passOn: (body?: Buffer) => void,
  ) => {
    const operation = operationOf(request);
    if (!operation) return passOn();
    const body = await readBody(request);
    // Most requests (GetItem, a Query of the table…) go on as they came, unparsed: the front is on every call.
    if (!RULED.has(operation) && !body.includes(REPLICA_SUFFIX)) return passOn(body);
    const input = parseInput(body);
    // A body that is not JSON is dynalite's to refuse, in DynamoDB's words.
    if (!input) return passOn(body);
    if (typeof input.TableName === "string" && isReplica(input.TableName)) {
      return sendAnswer(response, errorAnswer("ResourceNotFoundException", "Requested resource not found"));
    }
    if (operation === "ListTables") {
      return sendAnswer(response, await listTables(dynamo, request, body));
    }
    if ((operation === "Query" || operation === "Scan") && indexes && typeof input.IndexName === "string") {
      const table = String(input.TableName);
      const replica = await indexes.readFrom(table, input.IndexName);
      if (!replica) return passOn(body);
      const answer = await dynamo.relay(
        request,
        Buffer.from(JSON.stringify({ ...input, TableName: replica })),
      );
      // Capacity and errors name the table the client asked for, never its replica.
      return sendAnswer(response, {
        ...answer,
        body: Buffer.from(answer.body.toString().split(replica).join(table)),
      });
    }
    if (operation === "BatchGetItem" && rate > 0) {
      const { processed, unprocessed } = holdBackKeys(input.RequestItems as BatchGetRequestItems, rate, draw);
      const answer = await dynamo.relay(
        request,
        Buffer.from(JSON.stringify({ ...input, RequestItems: processed })),
      );
      if (answer.status !== 200) return sendAnswer(response, answer);
      for (const held of Object.values(unprocessed)) heldBack += held.Keys.length;
      const merged = withUnprocessed(JSON.parse(answer.body.toString()), unprocessed);
      return sendAnswer(response, jsonAnswer(200, merged, answer.headers));
    }
    if (indexes && WRITES.has(operation)) {
      const answer = await dynamo.relay(request, body);
      sendAnswer(response, answer);
      if (answer.status === 200) {
        for (const [table, items] of Object.entries(writtenItems(operation, input)))
          await indexes.written(table, items).catch(() => {});
      }
      return;
    }
    if (indexes && TABLE_CHANGES.has(operation)) {
      const answer = await dynamo.relay(request, body);
      if (answer.status === 200) await indexes.changed(String(input.TableName), operation === "DeleteTable");
      return sendAnswer(response, answer);
    }
    passOn(body);
  };

  const front = await startLoopbackFront({
    target: options.target,
    rule,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    endpoint: front.endpoint,
    port: front.port,
    heldBack: () => heldBack,
    stop: async () => {
      await front.stop();
      await indexes?.stop();
      dynamo.stop();
    },
  };
}

function parseInput(body: Buffer): Record<string, unknown> | undefined {
  try {
    const input: unknown = JSON.parse(body.toString("utf8"));
    return input && typeof input === "object" ? (input as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** ListTables without the replicas. */
async function listTables(dynamo: DynamoTarget, request: IncomingMessage, body: Buffer): Promise<WireAnswer> {
  const answer = await dynamo.relay(request, body);
  if (answer.status !== 200) return answer;
  const listed = JSON.parse(answer.body.toString()) as { TableNames?: string[] };
  return jsonAnswer(
    200,
    { ...listed, TableNames: (listed.TableNames ?? []).filter((name) => !isReplica(name)) },
    answer.headers,
  );
}

/** The items (or keys) a successful write touched, by table. */
function writtenItems(operation: string, input: Record<string, unknown>): Record<string, WireItem[]> {
  if (operation === "PutItem") return { [String(input.TableName)]: [input.Item as WireItem] };
  if (operation === "UpdateItem" || operation === "DeleteItem")
    return { [String(input.TableName)]: [input.Key as WireItem] };
  const requests = input.RequestItems as Record<
    string,
    Array<{ PutRequest?: { Item: WireItem }; DeleteRequest?: { Key: WireItem } }>
  >;
  return Object.fromEntries(
    Object.entries(requests).map(([table, writes]) => [
      table,
      writes.flatMap((write): WireItem[] => {
        const item = write.PutRequest?.Item ?? write.DeleteRequest?.Key;
        return item ? [item] : [];
      }),
    ]),
  );
}
