import net from "node:net";
import { type FauxqsServer, startFauxqs } from "fauxqs";

/**
 * Starts fauxqs listening on 127.0.0.1 only. fauxqs 2.4 hard-codes `0.0.0.0` in `startFauxqs`, and its
 * persistence wiring is not exported, so for the duration of the call the wildcard address given to
 * `net.Server#listen` is narrowed to loopback. Nothing else is changed and the patch is undone at once.
 */
export async function startLoopbackFauxqs(options: {
  port: number;
  dataDir?: string;
}): Promise<FauxqsServer> {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    const first = args[0] as { host?: string } | undefined;
    if (first && typeof first === "object" && first.host === "0.0.0.0")
      args[0] = { ...first, host: "127.0.0.1" };
    return (listen as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof listen;
  try {
    return await startFauxqs({
      port: options.port,
      logger: false,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    });
  } finally {
    net.Server.prototype.listen = listen;
  }
}
