import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

/**
 * Nothing the local stack starts may be reachable from another machine. The stack is started with every
 * server it can run (fauxqs, dynalite, the local Bedrock, the flaky S3 proxy, a worker per service); then
 * the kernel's own table of listening sockets, for this process and every process it spawned, must hold
 * loopback addresses only, so a server added later is checked without being named here. Each endpoint
 * the stack hands out must also refuse a connection on this machine's other address.
 */

let env: TestStack;
beforeAll(async () => {
  env = await startTestStack({ concurrency: 1, s3ErrorRate: 0.01 });
}, 60_000);
afterAll(() => env?.stop());

const LISTEN = "0A";

/** `/proc/net/tcp{,6}` addresses are hex, each 32-bit word in host (little-endian) order. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) =>
    (word.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)),
  );
  if (bytes.length === 4) return bytes.join(".");
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((bytes[2 * i] ?? 0) * 256 + (bytes[2 * i + 1] ?? 0)).toString(16),
  );
  const v6 = groups.join(":");
  // An IPv4-mapped address (::ffff:a.b.c.d) is its IPv4 address.
  return v6.startsWith("0:0:0:0:0:ffff:") ? bytes.slice(12).join(".") : v6;
}

/** This process and all its descendants, from each process's parent in /proc/<pid>/stat. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // The process ended while being read.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  return tree;
}

/** Every TCP socket in LISTEN that a process of the tree holds: its address and port. */
function listeningSockets(pids: number[]): { address: string; port: number }[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match?.[1]) inodes.add(match[1]);
      } catch {
        // The descriptor closed while being read.
      }
    }
  }
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    readFileSync(table, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === LISTEN && inodes.has(fields[9] ?? ""))
      .map((fields) => {
        const [address = "", port = "0"] = (fields[1] ?? "").split(":");
        return { address: decodeAddress(address), port: Number.parseInt(port, 16) };
      }),
  );
}

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

/** Resolves to whether a TCP connection to host:port is accepted. */
const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

const endpointPorts = () => {
  const { endpoint, dynamodbEndpoint, bedrockEndpoint, serviceQuotasEndpoint } = env.stack.endpoints;
  return Object.entries({
    fauxqs: endpoint,
    dynalite: dynamodbEndpoint,
    bedrock: bedrockEndpoint,
    "service-quotas": serviceQuotasEndpoint,
  }).map(([name, url]) => ({ name, host: new URL(url).hostname, port: Number(new URL(url).port) }));
};

describe("the local stack's servers", () => {
  test.skipIf(!existsSync("/proc/net/tcp"))(
    "all listen on loopback only, in this process and every worker (skipped: no /proc/net/tcp, not Linux)",
    () => {
      const pids = processTree(process.pid);
      // One worker per service, so the scan covers the processes the stack spawned.
      expect(pids.length).toBeGreaterThan(5);
      const sockets = listeningSockets(pids);
      const ports = sockets.map((socket) => socket.port);
      for (const { name, port } of endpointPorts()) expect(ports, `${name} listens`).toContain(port);
      // fauxqs, dynalite, the local Bedrock and the flaky S3 proxy at least.
      expect(sockets.length).toBeGreaterThanOrEqual(4);
      for (const socket of sockets) expect(socket.address, `port ${socket.port}`).toBe("127.0.0.1");
    },
  );

  test("hand out 127.0.0.1 endpoints that answer there", async () => {
    for (const { name, host, port } of endpointPorts()) {
      expect(host, name).toBe("127.0.0.1");
      expect(await connects("127.0.0.1", port), name).toBe(true);
    }
  });

  test.skipIf(!externalAddress)(
    "refuse connections on this machine's other address (skipped: no non-loopback IPv4 interface)",
    async () => {
      for (const { name, port } of endpointPorts())
        expect(await connects(externalAddress ?? "", port), `${name} on ${externalAddress}`).toBe(false);
    },
  );
});
