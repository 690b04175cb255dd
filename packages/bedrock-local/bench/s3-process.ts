// Runs the S3 emulator in a process of its own, so a benchmark measures only the Bedrock emulator's memory:
// fauxqs keeps objects in memory, which would otherwise be counted against the emulator.
import { startLoopbackFauxqs } from "@recap/local/loopback-fauxqs";

const server = await startLoopbackFauxqs({ port: 0 });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
