import { createServer } from "node:net";

/**
 * A port free on 127.0.0.1 now. A chaos run fixes its ports before the first start, so the stack it kills
 * comes back where every client (and every queue URL the emulator stored) expects it.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port was assigned");
  return address.port;
}
