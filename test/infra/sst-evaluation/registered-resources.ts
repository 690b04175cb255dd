import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { CliCall } from "./cli-rpc.ts";
import type { Registration } from "./mocks.ts";
import type { SstApp } from "./program.ts";

/**
 * What `sst deploy --stage <stage>` would hand Pulumi, from SST's real components: evaluated once per
 * stage in a child process (evaluate.ts) and cached under node_modules/.cache, keyed by the content of
 * everything the evaluation reads, so the infra test files share one evaluation per change however many
 * processes run them.
 */

export interface Evaluation {
  readonly stage: string;
  readonly app: SstApp;
  /** What sst.config.ts's run() returned, resolved: what `sst deploy` prints. */
  readonly outputs: Record<string, unknown>;
  readonly registrations: Registration[];
  readonly cliCalls: CliCall[];
}

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CACHE = path.join(ROOT, "node_modules/.cache/recap-sst-evaluation");
const EVALUATOR = fileURLToPath(new URL("./evaluate.ts", import.meta.url));
const INSTALL_PLATFORM = path.join(ROOT, "packages/infra/scripts/install-sst-platform.sh");
const run = promisify(execFile);

/** Files and trees whose content decides the evaluation. */
const INPUTS = [
  "sst.config.ts",
  "recap.config.ts",
  "packages/infra/src",
  "shared/src",
  "test/infra/sst-evaluation",
  "package-lock.json",
  ".sst/platform/version",
  ".sst/platform/package.json",
];

function filesUnder(relative: string): string[] {
  const full = path.join(ROOT, relative);
  if (!statSync(full).isDirectory()) return [relative];
  return (
    readdirSync(full, { recursive: true, encoding: "utf8" })
      // Tests are not part of what sst.config.ts imports.
      .filter(
        (file) =>
          !file.endsWith(".test.ts") && statSync(path.join(full, file), { throwIfNoEntry: false })?.isFile(),
      )
      .map((file) => path.join(relative, file))
      .sort()
  );
}

function inputsKey(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap(filesUnder))
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(ROOT, file)));
  return hash.digest("hex").slice(0, 16);
}

/** `npm test` installs SST's platform before the suite; a test run on its own installs it here. */
async function ensurePlatform(): Promise<void> {
  if (existsSync(path.join(ROOT, ".sst/platform/config.d.ts"))) return;
  await run("sh", [INSTALL_PLATFORM], { cwd: ROOT });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One evaluation takes 3 to 15 s on a loaded 2-core machine; this is a hang. */
const EVALUATION_TIMEOUT_MS = 150_000;
/** A lock held longer than an evaluation may take belongs to a process that died mid-evaluation. */
const STALE_LOCK_MS = EVALUATION_TIMEOUT_MS + 10_000;

/**
 * One evaluation per key across processes: whoever makes the lock directory evaluates, the others wait
 * for the file it renames into place.
 */
async function evaluateOnce(stage: string, file: string): Promise<void> {
  const lock = `${file}.lock`;
  for (;;) {
    if (existsSync(file)) return;
    try {
      mkdirSync(lock);
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(100);
      continue;
    }
    try {
      const partial = `${file}.${process.pid}.partial`;
      await run(process.execPath, ["--disable-warning=ExperimentalWarning", EVALUATOR, stage, partial], {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
        // An output SST waits on that nothing resolves would hang the child: fail instead, lock released.
        timeout: EVALUATION_TIMEOUT_MS,
        killSignal: "SIGKILL",
      });
      renameSync(partial, file);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Evaluations of older inputs are dropped after a day; a younger one may still be read by a running test. */
const KEEP_MS = 86_400_000;

function pruneOlderEvaluations(): void {
  for (const file of readdirSync(CACHE)) {
    const full = path.join(CACHE, file);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > KEEP_MS) rmSync(full, { recursive: true, force: true });
  }
}

const loaded = new Map<string, Promise<Evaluation>>();

/** The evaluation of sst.config.ts for `stage` (as `sst deploy --stage <stage>`), cached. */
export function registeredResources(stage = "dev"): Promise<Evaluation> {
  let evaluation = loaded.get(stage);
  if (!evaluation) {
    evaluation = (async () => {
      await ensurePlatform();
      mkdirSync(CACHE, { recursive: true });
      pruneOlderEvaluations();
      const file = path.join(CACHE, `${inputsKey()}-${stage}.json`);
      await evaluateOnce(stage, file);
      return JSON.parse(readFileSync(file, "utf8")) as Evaluation;
    })();
    loaded.set(stage, evaluation);
  }
  return evaluation;
}
