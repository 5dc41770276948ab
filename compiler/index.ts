/**
 * The public compiler API: `compile(source, options)` parses and checks an OpenSIPS script, emits
 * a TypeScript module with a source map to the `.cfg` files, and turns it into JavaScript with
 * esbuild (optionally bundled with the runtime). It never throws: every failure, including an
 * internal one, comes back as a diagnostic.
 */
import type { Call } from "./ast.ts";
import { IMPLEMENTED_FUNCTIONS } from "../runtime/catalogue/implemented.generated.ts";
import { checkScript } from "./check.ts";
import type { ResolvedCall } from "./check-info.ts";
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics.ts";
import type { Target } from "./emit-context.ts";
import { emitModule } from "./emit-module.ts";
import { bundleToJs, type SourceMapMode } from "./esbuild.ts";
import { parseScript } from "./parse.ts";
import { buildSourceMap, inlineSourceMapComment } from "./sourcemap.ts";
import type { ParamDescriptor } from "../runtime/catalogue/types.ts";

type ParseOptions = Parameters<typeof parseScript>[1];

export type { Diagnostic } from "./diagnostics.ts";
export type { Target } from "./emit-context.ts";

export interface CompileOptions {
  /** The script's file name: spans, diagnostics and the source map name it; includes resolve from it. */
  file: string;
  target?: Target;
  /** "js" (default) or the emitted TypeScript itself. */
  emit?: "js" | "ts";
  /** JavaScript with the runtime bundled in (one standalone ESM file). */
  bundle?: boolean;
  sourcemap?: SourceMapMode;
  readFile?: ParseOptions["readFile"];
  preprocessor?: ParseOptions["preprocessor"];
  /** Module specifier the emitted code imports the runtime from (default `opensips-ts/runtime`). */
  runtimeImport?: string;
}

export interface CompileResult {
  /** Empty when there are error diagnostics. */
  code: string;
  /** The source map as JSON text; null without one (or on errors). */
  map: string | null;
  diagnostics: Diagnostic[];
  /** Every file read (the script and its includes), for watching. */
  files: string[];
  /** Text of each file read, for code frames. */
  sources: Map<string, string>;
}

export const DEFAULT_RUNTIME_IMPORT = "opensips-ts/runtime";
const INTERNAL_ERROR = "OSX5000";

/**
 * The whole pipeline; resolves (never rejects) with code or diagnostics. JavaScript is the emitted
 * TypeScript without its type annotations, written directly by the emitter with its own source map;
 * esbuild bundles it with the runtime when `bundle` is set.
 */
export async function compile(source: string, options: CompileOptions): Promise<CompileResult> {
  if (options.emit === "ts") return compileToTypeScript(source, options);
  if (!options.bundle) return guarded(source, options, () => emitScript(source, options, "js", options.sourcemap ?? "inline"));
  const typescript = guarded(source, options, () => emitScript(source, options, "ts", options.sourcemap === "none" ? "none" : "chain"));
  if (typescript.code === "") return typescript;
  const js = await bundleToJs(typescript.code, {
    file: `${options.file}.ts`,
    sourcemap: options.sourcemap ?? "inline",
    runtimeImport: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    sources: typescript.sources,
  });
  if (js.errors.length > 0) {
    const failures = js.errors.map((e) => internalError(`emitted code did not compile: ${e}`, options.file));
    return { ...typescript, code: "", map: null, diagnostics: [...typescript.diagnostics, ...failures] };
  }
  return { ...typescript, code: js.code, map: js.map };
}

/** The emitted TypeScript (synchronous: no esbuild involved). */
export function compileToTypeScript(source: string, options: CompileOptions): CompileResult {
  return guarded(source, options, () => emitScript(source, options, "ts", options.sourcemap ?? "inline"));
}

/** `run()`, with an exception turned into an internal-error diagnostic. */
function guarded(source: string, options: CompileOptions, run: () => CompileResult): CompileResult {
  try {
    return run();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const sources = new Map([[options.file, source]]);
    return { code: "", map: null, diagnostics: [internalError(`internal compiler error: ${message}`, options.file)], files: [options.file], sources };
  }
}

/**
 * `mapMode` "chain": the map goes inline without the files' text, for esbuild to chain (the text is
 * added to esbuild's output map afterwards, which is cheaper than making esbuild carry it).
 */
function emitScript(source: string, options: CompileOptions, language: "ts" | "js", mapMode: SourceMapMode | "chain"): CompileResult {
  const target = options.target ?? "3.6";
  const parsed = parseScript(source, { file: options.file, readFile: options.readFile, preprocessor: options.preprocessor });
  const base = { code: "", map: null, files: parsed.files, sources: parsed.sources };
  if (hasErrors(parsed.diagnostics)) return { ...base, diagnostics: sortDiagnostics(parsed.diagnostics) };

  const checked = checkScript(parsed.script, { target });
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics, ...unsupportedCalls(checked.info.calls)];
  if (hasErrors(diagnostics)) return { ...base, diagnostics: sortDiagnostics(diagnostics) };

  const emitted = emitModule(parsed.script, {
    file: options.file,
    target,
    runtimeImport: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    paramsOf: (call) => paramsOf(checked.info.calls, call),
    language,
    traceActions: [...checked.info.calls.keys()].some((call) => call.name === "script_trace"),
    moduleOf: (call) => moduleOf(checked.info.calls, call),
  });
  diagnostics.push(...emitted.diagnostics);
  if (hasErrors(diagnostics)) return { ...base, diagnostics: sortDiagnostics(diagnostics) };

  const sorted = sortDiagnostics(diagnostics);
  if (mapMode === "none") return { ...base, code: emitted.code, diagnostics: sorted };
  const map = buildSourceMap(emitted.code, emitted.origins, parsed.sources, `${options.file}.${language}`);
  if (mapMode === "chain") return { ...base, code: `${emitted.code}${inlineSourceMapComment({ ...map, sourcesContent: [] })}\n`, map: null, diagnostics: sorted };
  const code = mapMode === "inline" ? `${emitted.code}${inlineSourceMapComment(map)}\n` : emitted.code;
  return { ...base, code, map: JSON.stringify(map), diagnostics: sorted };
}

function paramsOf(calls: ReadonlyMap<Call, ResolvedCall>, call: Call): readonly ParamDescriptor[] | null {
  const resolved = calls.get(call);
  return resolved?.kind === "catalogue" ? resolved.signature.params : null;
}

function moduleOf(calls: ReadonlyMap<Call, ResolvedCall>, call: Call): string | null {
  const resolved = calls.get(call);
  return resolved?.kind === "catalogue" ? resolved.descriptor.module : null;
}

function internalError(message: string, file: string): Diagnostic {
  return diagnostic("error", INTERNAL_ERROR, message, { file, line: 1, column: 1, endLine: 1, endColumn: 1 });
}

/**
 * Calls the checker accepts but the runtime does not implement: the script compiles, and such a
 * call raises "not supported by the runtime" only when it runs.
 */
function unsupportedCalls(calls: ReadonlyMap<Call, ResolvedCall>): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [call, resolved] of calls) {
    const name = resolved.kind === "catalogue" ? resolved.descriptor.key : null;
    if (name === null || IMPLEMENTED_FUNCTIONS.has(name)) continue;
    found.push(
      diagnostic("info", "OSX5002", `${call.name}() is not supported by the runtime yet: the script compiles, and calling it raises an error at run time.`, call.nameSpan),
    );
  }
  return found;
}
