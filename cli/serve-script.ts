/**
 * Loads the script `serve` runs: a `.cfg` is compiled in memory; a `.js` is a module compiled
 * earlier (`opensips-ts compile`). Either way the module is evaluated with its
 * `opensips-ts/runtime` import bound to the very runtime instance the server runs, so the script's
 * helpers and the engine share one module state (a second copy loaded through Node's resolver
 * would not see the run in progress).
 *
 * The module is turned into CommonJS by esbuild and evaluated with `vm`, the only way to hand it
 * a live module namespace instead of a specifier for Node to resolve.
 */
import { transform } from "esbuild";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, resolve } from "node:path";
import { runInThisContext } from "node:vm";
import { compile, DEFAULT_RUNTIME_IMPORT } from "../compiler/index.ts";
import { renderDiagnostic, sortDiagnostics } from "../compiler/diagnostics.ts";
import * as runtime from "../runtime/index.ts";
import type { Script } from "../runtime/script.ts";
import type { Target } from "./options.ts";

export interface LoadOptions {
  readonly target: Target;
  readonly preprocessor?: string;
  readonly color: boolean;
}

export type LoadResult =
  | { readonly ok: true; readonly script: Script; readonly warnings: string[] }
  /** `io`: the file could not be read; `script`: it does not compile or load. */
  | { readonly ok: false; readonly kind: "io" | "script"; readonly message: string };

const COMPILED_EXTENSIONS = new Set([".js", ".mjs"]);

export async function loadScript(file: string, options: LoadOptions): Promise<LoadResult> {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    return { ok: false, kind: "io", message: `cannot read ${file}: ${(error as Error).message}` };
  }
  if (COMPILED_EXTENSIONS.has(extname(file).toLowerCase())) return evaluate(source, file, []);

  const result = await compile(source, { file, target: options.target, emit: "js", preprocessor: options.preprocessor });
  const rendered = sortDiagnostics(result.diagnostics).map((d) => renderDiagnostic(d, { sources: result.sources, color: options.color }));
  if (result.code === "") return { ok: false, kind: "script", message: rendered.join("\n\n") };
  return evaluate(result.code, file, rendered);
}

async function evaluate(esm: string, file: string, warnings: string[]): Promise<LoadResult> {
  let commonJs: string;
  try {
    commonJs = (await transform(esm, { loader: "js", format: "cjs", target: "node20", sourcefile: file, sourcemap: "inline" })).code;
  } catch (error) {
    return { ok: false, kind: "script", message: `${file} is not a JavaScript module: ${(error as Error).message}` };
  }
  const fileRequire = createRequire(resolve(file));
  let importsRuntime = false;
  const requireForScript = (specifier: string): unknown => {
    if (specifier !== DEFAULT_RUNTIME_IMPORT) return fileRequire(specifier);
    importsRuntime = true;
    return runtime;
  };
  const module: { exports: { default?: unknown } } = { exports: {} };
  try {
    const body = runInThisContext(`(function (exports, require, module) {${commonJs}\n})`, { filename: resolve(file) }) as (
      exports: object,
      require: (specifier: string) => unknown,
      module: object,
    ) => void;
    body(module.exports, requireForScript, module);
  } catch (error) {
    return { ok: false, kind: "script", message: `${file} failed to load: ${(error as Error).message}` };
  }
  const script = module.exports.default;
  if (!isScript(script)) return { ok: false, kind: "script", message: `${file} does not export a compiled script (export default rt.defineScript(...))` };
  if (!importsRuntime) warnings.push(`${file} carries its own copy of the runtime (compiled with --bundle?); serve the .cfg or a module compiled without --bundle`);
  return { ok: true, script, warnings };
}

function isScript(value: unknown): value is Script {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Script>;
  return Array.isArray(candidate.sockets) && Array.isArray(candidate.modparams) && candidate.routes?.request instanceof Map;
}
