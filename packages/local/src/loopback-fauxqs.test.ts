import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLoopbackFauxqs } from "./loopback-fauxqs.ts";

type Server = Awaited<ReturnType<typeof startLoopbackFauxqs>>;
let server: Server;
beforeAll(async () => {
  server = await startLoopbackFauxqs({ port: 0 });
});
afterAll(() => server?.stop());

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

describe("startLoopbackFauxqs", () => {
  test("listens on 127.0.0.1 and answers there", async () => {
    expect(new URL(server.address).hostname).toBe("127.0.0.1");
    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.ok).toBe(true);
  });

  // Skipped on a machine with no non-loopback IPv4 interface: there is no other address to try.
  test.skipIf(!externalAddress)("refuses connections on this machine's other addresses", async () => {
    await expect(fetch(`http://${externalAddress}:${server.port}/health`)).rejects.toThrow();
  });

  test("leaves net.Server#listen as it found it", async () => {
    const net = await import("node:net");
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen({ port: 0, host: "0.0.0.0" }, resolve));
    expect((probe.address() as { address: string }).address).toBe("0.0.0.0");
    await new Promise((resolve) => probe.close(resolve));
  });
});
