import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { countItemSizeAsDynamoDb } from "./strict/dynalite-item-size.ts";

export interface LocalDynamo {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * DynamoDB's API (dynalite, on LevelDB) in this process, listening on 127.0.0.1 only. With `path`, tables
 * and items survive a restart, as fauxqs's queues do. Items over 400 KB are refused as DynamoDB counts them.
 * Clients reach it through the strict front (strict/strict-dynamo.ts), which adds what dynalite forgives.
 */
export async function startLoopbackDynalite(options: { port: number; path?: string }): Promise<LocalDynamo> {
  if (options.path) await mkdir(options.path, { recursive: true });
  countItemSizeAsDynamoDb();
  // Tables are ACTIVE (or gone) at once: AWS's CREATING and DELETING delays would only slow every start.
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Idle keep-alive sockets would hold close() open; dynalite then closes LevelDB cleanly.
        server.closeIdleConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
