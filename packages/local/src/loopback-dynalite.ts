import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

export interface LocalDynamo {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * DynamoDB's API (dynalite, on LevelDB) in this process, listening on 127.0.0.1 only. With `path`, tables
 * and items survive a restart, as fauxqs's queues do.
 */
export async function startLoopbackDynalite(options: { port: number; path?: string }): Promise<LocalDynamo> {
  if (options.path) await mkdir(options.path, { recursive: true });
  // Tables are ACTIVE at once: AWS's CREATING delay would only slow every start.
  const server = dynalite({ createTableMs: 0, ...(options.path ? { path: options.path } : {}) });
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
