import type { DynamoTarget } from "./dynamo-wire.ts";
import type { WireAttributeValue } from "./item-size.ts";

type WireItem = Record<string, WireAttributeValue>;

/** The hidden table that serves a table's global secondary indexes; ListTables never shows it. */
export const REPLICA_SUFFIX = ".index-lag-replica";
export const replicaOf = (table: string) => `${table}${REPLICA_SUFFIX}`;
export const isReplica = (table: string) => table.endsWith(REPLICA_SUFFIX);

interface KeyElement {
  AttributeName: string;
  KeyType: string;
}
interface TableDescription {
  KeySchema: KeyElement[];
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
  GlobalSecondaryIndexes?: Array<{ IndexName: string; KeySchema: KeyElement[]; Projection: unknown }>;
}

/** What the front needs of a table with global indexes: its key, its indexes, and how to make its replica. */
interface IndexedTable {
  keyNames: string[];
  indexNames: Set<string>;
  /** Each index's key attributes: an item is in an index only if it has all of them (sparse indexes). */
  indexKeys: string[][];
  description: TableDescription;
}

const NO_SUCH_TABLE = "no such table";
const NO_GLOBAL_INDEXES = "no global indexes";
type Described = IndexedTable | typeof NO_SUCH_TABLE | typeof NO_GLOBAL_INDEXES;

/** Copies that fail (the emulator stopping, say) are tried again this many times, a lag apart. */
const COPY_ATTEMPTS = 5;

/**
 * Global secondary indexes that lag behind their table, as on AWS, where they are eventually consistent.
 * Each table with global indexes gets a replica with the same key and indexes; `lagMs` after each write the
 * item's then-current state (a consistent read of the table) is copied there, and every Query or Scan naming
 * a global index is served from the replica. So an index read can miss an item written a moment ago, or see
 * its previous version, while the table itself answers consistent reads at once. Copies of one item run one at
 * a time, in order, so the replica always ends at the table's latest state. Writes to one item within a lag
 * share one copy (it reads the latest state), and the replica holds only items in some index, so a lease or
 * counter written over and over costs one read a lag and no replica write. When the front first meets a
 * table, every item its replica holds differently is copied a lag later: that repairs copies lost when the
 * stack was stopped or killed within a lag of a write.
 */
export class LaggingIndexes {
  readonly #dynamo: DynamoTarget;
  readonly #lagMs: number;
  readonly #tables = new Map<string, Promise<Described>>();
  readonly #replicas = new Map<string, Promise<void>>();
  readonly #copies = new Map<string, Promise<void>>();
  /** Items with a copy waiting for its lag: a later write to one of them shares that copy. */
  readonly #scheduled = new Set<string>();
  /** Per table, the items its replica holds (it holds only those in some index). */
  readonly #inReplica = new Map<string, Set<string>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopped = false;

  constructor(dynamo: DynamoTarget, lagMs: number) {
    this.#dynamo = dynamo;
    this.#lagMs = lagMs;
  }

  /** The replica to read instead, for a Query or Scan on one of the table's global indexes. */
  async readFrom(table: string, indexName: string): Promise<string | undefined> {
    const indexed = await this.#indexed(table);
    if (!indexed?.indexNames.has(indexName)) return undefined;
    await this.#replica(table, indexed);
    return replicaOf(table);
  }

  /** A write succeeded on these items (keys, or whole items): their index entries follow after the lag. */
  async written(table: string, items: readonly WireItem[]): Promise<void> {
    const indexed = await this.#indexed(table);
    if (!indexed) return;
    for (const item of items) this.#schedule(table, indexed, keyOf(indexed, item), COPY_ATTEMPTS);
  }

  /** The table was created, changed or deleted: what was known of it (and its replica, if deleted) goes. */
  async changed(table: string, deleted: boolean): Promise<void> {
    this.#tables.delete(table);
    this.#replicas.delete(table);
    this.#inReplica.delete(table);
    if (!deleted) return;
    try {
      await this.#dynamo.call("DeleteTable", { TableName: replicaOf(table) });
    } catch (error) {
      if ((error as Error).name !== "ResourceNotFoundException") throw error;
    }
  }

  /** Pending copies are dropped (a later start repairs the replica); those under way are finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#copies.values()]);
  }

  #schedule(table: string, indexed: IndexedTable, key: WireItem, attempts: number): void {
    const id = itemId(table, key);
    if (this.#scheduled.has(id)) return;
    this.#scheduled.add(id);
    this.#later(() => {
      this.#scheduled.delete(id);
      return this.#copyLatest(table, indexed, key, attempts);
    });
  }

  #later(run: () => Promise<void>): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void run();
    }, this.#lagMs);
    this.#timers.add(timer);
  }

  async #indexed(table: string): Promise<IndexedTable | undefined> {
    let known = this.#tables.get(table);
    if (!known) {
      known = this.#describe(table);
      this.#tables.set(table, known);
      // A table not there yet is asked about again next time.
      known.then(
        (found) => found === NO_SUCH_TABLE && this.#tables.delete(table),
        () => this.#tables.delete(table),
      );
    }
    const found = await known;
    return found === NO_SUCH_TABLE || found === NO_GLOBAL_INDEXES ? undefined : found;
  }

  async #describe(table: string): Promise<Described> {
    if (isReplica(table)) return NO_GLOBAL_INDEXES;
    try {
      const { Table } = await this.#dynamo.call<{ Table: TableDescription }>("DescribeTable", {
        TableName: table,
      });
      const indexes = Table.GlobalSecondaryIndexes ?? [];
      if (indexes.length === 0) return NO_GLOBAL_INDEXES;
      return {
        keyNames: Table.KeySchema.map((key) => key.AttributeName),
        indexNames: new Set(indexes.map((index) => index.IndexName)),
        indexKeys: indexes.map((index) => index.KeySchema.map((key) => key.AttributeName)),
        description: Table,
      };
    } catch (error) {
      if ((error as Error).name === "ResourceNotFoundException") return NO_SUCH_TABLE;
      throw error;
    }
  }

  #replica(table: string, indexed: IndexedTable): Promise<void> {
    let ready = this.#replicas.get(table);
    if (!ready) {
      ready = this.#createAndResync(table, indexed);
      this.#replicas.set(table, ready);
      ready.catch(() => this.#replicas.delete(table));
    }
    return ready;
  }

  async #createAndResync(table: string, indexed: IndexedTable): Promise<void> {
    const { description } = indexed;
    try {
      await this.#dynamo.call("CreateTable", {
        TableName: replicaOf(table),
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: description.AttributeDefinitions,
        KeySchema: description.KeySchema,
        GlobalSecondaryIndexes: (description.GlobalSecondaryIndexes ?? []).map((index) => ({
          IndexName: index.IndexName,
          KeySchema: index.KeySchema,
          Projection: index.Projection,
        })),
      });
    } catch (error) {
      if ((error as Error).name !== "ResourceInUseException") throw error;
    }
    // Copies lost when the stack was last killed: every item that differs follows its table a lag from now,
    // as if just written (a write since then has scheduled its own copy too; both copy the latest state).
    const [items, copies] = await Promise.all([
      this.#scan(table, indexed, true),
      this.#scan(replicaOf(table), indexed, false),
    ]);
    this.#inReplica.set(
      table,
      new Set([...copies.values()].map((copy) => itemId(table, keyOf(indexed, copy)))),
    );
    for (const id of new Set([...items.keys(), ...copies.keys()])) {
      const item = items.get(id);
      const wanted = item && inSomeIndex(indexed, item) ? item : undefined;
      if (canonical(wanted) === canonical(copies.get(id))) continue;
      this.#schedule(table, indexed, keyOf(indexed, (item ?? copies.get(id)) as WireItem), COPY_ATTEMPTS);
    }
  }

  async #scan(table: string, indexed: IndexedTable, consistent: boolean): Promise<Map<string, WireItem>> {
    const items = new Map<string, WireItem>();
    let start: WireItem | undefined;
    do {
      const page: { Items?: WireItem[]; LastEvaluatedKey?: WireItem } = await this.#dynamo.call("Scan", {
        TableName: table,
        ConsistentRead: consistent,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of page.Items ?? []) items.set(keyId(indexed.keyNames, item), item);
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async #copyLatest(table: string, indexed: IndexedTable, key: WireItem, attempts: number): Promise<void> {
    try {
      await this.#replica(table, indexed);
      await this.#serialized(table, key, () => this.#copy(table, indexed, key));
    } catch {
      if (attempts > 1) this.#schedule(table, indexed, key, attempts - 1);
    }
  }

  /**
   * The item as the table holds it now, read consistently, becomes the replica's if it is in some index;
   * otherwise it leaves the replica (gone, or out of every sparse index), if it was there.
   */
  async #copy(table: string, indexed: IndexedTable, key: WireItem): Promise<void> {
    const { Item } = await this.#dynamo.call<{ Item?: WireItem }>("GetItem", {
      TableName: table,
      Key: key,
      ConsistentRead: true,
    });
    const held = this.#inReplica.get(table) ?? new Set<string>();
    this.#inReplica.set(table, held);
    const id = itemId(table, key);
    if (Item && inSomeIndex(indexed, Item)) {
      await this.#dynamo.call("PutItem", { TableName: replicaOf(table), Item });
      held.add(id);
    } else if (held.has(id)) {
      await this.#dynamo.call("DeleteItem", { TableName: replicaOf(table), Key: key });
      held.delete(id);
    }
  }

  /** Runs `copy` after every copy of the same item already queued, so copies land in the order they read. */
  #serialized(table: string, key: WireItem, copy: () => Promise<void>): Promise<void> {
    const id = itemId(table, key);
    const previous = this.#copies.get(id) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(copy);
    const settled = next.catch(() => {});
    this.#copies.set(id, settled);
    settled.then(() => {
      if (this.#copies.get(id) === settled) this.#copies.delete(id);
    });
    return next;
  }
}

const keyOf = (indexed: IndexedTable, item: WireItem) =>
  Object.fromEntries(indexed.keyNames.map((name) => [name, item[name]])) as WireItem;
const itemId = (table: string, key: WireItem) => `${table}\u0000${canonical(key)}`;
const inSomeIndex = (indexed: IndexedTable, item: WireItem) =>
  indexed.indexKeys.some((names) => names.every((name) => item[name] !== undefined));

function keyId(keyNames: readonly string[], item: WireItem): string {
  return canonical(Object.fromEntries(keyNames.map((name) => [name, item[name]])));
}

/** JSON with object keys sorted, so that one item read twice compares equal whatever order it came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, nested: unknown) =>
    nested && typeof nested === "object" && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}
