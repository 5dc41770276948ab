/**
 * Loading a compiled script for `run`: emitted code (compiled from a .cfg just now) or a `.js` file
 * compiled earlier. The script must use the same runtime module instance as the engine that runs
 * it, so its `opensips-ts/runtime` import is pointed at `runtimeUrl`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { register } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Script } from "../runtime/index.ts";

const RUNTIME_SPECIFIER = "opensips-ts/runtime";
const registered = new Set<string>();

/** Imports emitted JavaScript (already importing `runtimeUrl`); its default export, or an error message. */
export async function importScriptCode(code: string): Promise<Script | string> {
  const dir = mkdtempSync(join(tmpdir(), "opensips-ts-run-"));
  const file = join(dir, "script.mjs");
  try {
    writeFileSync(file, code);
    return await importScript(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports a compiled script file, resolving its runtime import to `runtimeUrl`. */
export async function importScriptFile(path: string, runtimeUrl: string): Promise<Script | string> {
  resolveRuntimeTo(runtimeUrl);
  return importScript(pathToFileURL(resolve(path)).href);
}

async function importScript(url: string): Promise<Script | string> {
  try {
    const module = (await import(url)) as { default?: unknown };
    return isScript(module.default) ? module.default : `${url}: not a compiled opensips-ts script (no default export from rt.defineScript)`;
  } catch (err) {
    return `${url}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function isScript(value: unknown): value is Script {
  const script = value as Partial<Script> | null;
  return typeof script === "object" && script !== null && typeof script.routes === "object" && Array.isArray(script.modules);
}

/** A module resolution hook: `opensips-ts/runtime` means `runtimeUrl` for every script imported after. */
function resolveRuntimeTo(runtimeUrl: string): void {
  if (registered.has(runtimeUrl)) return;
  registered.add(runtimeUrl);
  const hooks =
    `export async function resolve(specifier, context, next) {\n` +
    `  if (specifier === ${JSON.stringify(RUNTIME_SPECIFIER)}) return { url: ${JSON.stringify(runtimeUrl)}, shortCircuit: true };\n` +
    `  return next(specifier, context);\n` +
    `}\n`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
