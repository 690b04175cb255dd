import { statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Finds a handler in a function's code root as Lambda's Node.js runtime does (aws-lambda-nodejs-runtime-
 * interface-client: src/utils/handler-path.ts and src/function/module-loader.ts): the handler string's
 * last path segment splits at its first dot into the module and a dotted property path; the module is the
 * first of `<module>`, `.js`, `.mjs`, `.cjs` that exists under the code root, imported, and the property
 * path must lead to a function.
 */
export async function loadLambdaHandler(
  taskRoot: string,
  handler: string,
): Promise<(...args: never[]) => unknown> {
  if (handler.includes("..")) throw new Error(`${handler}: a handler may not climb out of its code root`);
  const segment = path.posix.basename(handler);
  const moduleRoot = handler.slice(0, handler.length - segment.length);
  const match = /^([^.]*)\.(.*)$/.exec(segment);
  if (!match?.[1] || !match[2]) throw new Error(`${handler}: a handler is <module>.<export>`);
  const base = path.resolve(taskRoot, moduleRoot, match[1]);
  const file = ["", ".js", ".mjs", ".cjs"]
    .map((extension) => base + extension)
    .find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile());
  if (!file)
    throw new Error(`${handler}: no ${match[1]}(.js|.mjs|.cjs) in ${path.join(taskRoot, moduleRoot)}`);
  const loaded: unknown = await import(pathToFileURL(file).href);
  const exported = match[2]
    .split(".")
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], loaded);
  if (typeof exported !== "function") throw new Error(`${handler} is not an exported function of ${file}`);
  return exported as (...args: never[]) => unknown;
}
