import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { type LocalStack, type LocalStackOptions, startLocalStack } from "@recap/local/stack";

export interface TestStack {
  stack: LocalStack;
  dir: string;
  endpointsFile: string;
  /** Worker log lines, kept for a failing test's message rather than printed. */
  logs: string[];
  sns: SNSClient;
  sqs: SQSClient;
  s3: S3Client;
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

/**
 * A real local stack on free ports in a fresh directory, with real SDK clients pointed at it. Tests run
 * three instances of each service, so concurrency bugs surface; pass `concurrency`, `tickEverySeconds` or
 * `config` (overrides of recap.config.ts) to change that, ticks or the configuration.
 */
export async function startTestStack(options: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const dir = options.dir ?? (await mkdtemp(path.join(scratchRoot(), "recap-test-")));
  const logs: string[] = [];
  const stack = await startLocalStack({
    dir,
    port: 0,
    visibilityTimeoutSeconds: 2,
    concurrency: 3,
    log: (service, line) => logs.push(`${service} ${line}`),
    ...options,
  });
  const { region, endpoint, credentials } = stack.endpoints;
  const config = { region, endpoint, credentials };
  const clients = {
    sns: new SNSClient(config),
    sqs: new SQSClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
  };
  return {
    stack,
    dir,
    endpointsFile: path.join(dir, "endpoints.json"),
    logs,
    ...clients,
    async stop({ keepDir = false } = {}) {
      for (const client of Object.values(clients)) client.destroy();
      await stack.stop();
      if (!keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Where test stacks keep their state: memory-backed /dev/shm where the machine has it, since the emulators'
 * persistence (SQLite, LevelDB) otherwise spends much of a 5,000-call run waiting on the disk.
 */
export function scratchRoot(): string {
  return existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}
