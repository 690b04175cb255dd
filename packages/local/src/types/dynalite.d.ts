// dynalite ships no types; this is the part of its API the local stack uses (see its index.js).
declare module "dynalite" {
  import type { Server } from "node:http";

  interface DynaliteOptions {
    /** LevelDB directory; in memory without it. */
    path?: string;
    /** How long a new table stays CREATING (500 ms by default). */
    createTableMs?: number;
    /** How long a deleted table stays DELETING (500 ms by default). */
    deleteTableMs?: number;
  }

  export default function dynalite(options?: DynaliteOptions): Server;
}
