import { fileURLToPath } from "node:url";

/** The repository root: topology handler paths are relative to it, as SST's are. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
