/**
 * How a worker starts inside its slot's cgroups: `/bin/sh` writes its own pid into each group's
 * `cgroup.procs`, then execs Node in the same process. Node thus starts already limited (it sizes its heap
 * from the memory it finds), and nothing of the handler runs outside the limits, with no handshake needed.
 * A write that fails stops the start: the instance exits with the shell's error rather than run unlimited.
 *
 * For `fork()`: it runs `execPath ...execArgv <module> ...args`, so with `/bin/sh` as execPath, `$0` is Node
 * and `"$@"` the worker module and its arguments; `nodeArgs` go to Node before them.
 */
export const SHELL = "/bin/sh";

export function enterGroupsArgv(
  procsFiles: readonly string[],
  nodePath: string,
  nodeArgs: readonly string[] = [],
): string[] {
  const writes = procsFiles.map((file) => `echo $$ > ${shellQuote(file)}`);
  const exec = ['exec "$0"', ...nodeArgs.map(shellQuote), '"$@"'].join(" ");
  return ["-c", [...writes, exec].join(" && "), nodePath];
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
