/**
 * The emitted TypeScript bundled by esbuild with the runtime inside: one standalone JavaScript
 * file. The TypeScript carries its own source map (to the `.cfg` files) inline, which esbuild
 * chains into the map of its output.
 */
import { build, type Message, type Plugin } from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inlineSourceMapComment } from "./sourcemap.ts";

export type SourceMapMode = "inline" | "external" | "none";

export interface JsOptions {
  /** Name of the emitted TypeScript module (it appears in esbuild messages only). */
  file: string;
  sourcemap: SourceMapMode;
  /** The specifier the emitted code imports the runtime from. */
  runtimeImport: string;
  /**
   * The `.cfg` files (name → text) the TypeScript's inline map points at, which carries no content:
   * the output map names them the same way and gets their text here.
   */
  sources: ReadonlyMap<string, string>;
}

export interface JsOutput {
  code: string;
  /** The source map as JSON text (also for "inline", where the code carries it too); null for "none". */
  map: string | null;
  /** esbuild errors: the emitted TypeScript did not compile. */
  errors: string[];
}

const RUNTIME_ENTRY = fileURLToPath(new URL("../runtime/index.ts", import.meta.url));
const SCRIPT_MODULE = "opensips-ts:script";
const NATIVE_PACKAGES = ["better-sqlite3", "pg-native"];
/** Bundled CommonJS packages `require()` Node built-ins; an ES module has no `require` of its own. */
const REQUIRE_SHIM = 'import { createRequire as __opensipsCreateRequire } from "node:module";\nconst require = __opensipsCreateRequire(import.meta.url);';
/** esbuild writes a bundle's map sources relative to the (never written) output file. */
const BUNDLE_FILE = resolve("bundle.js");

/**
 * One standalone ESM file for Node: the script module with the runtime and its npm packages bundled
 * in. It exports the script as `default` and that very runtime copy as `runtime`, so
 * `runtime.createEngine(script, …)` runs it without loading a second runtime.
 */
export async function bundleToJs(ts: string, options: JsOptions): Promise<JsOutput> {
  try {
    const entry = `export { default } from ${JSON.stringify(SCRIPT_MODULE)};\nexport * as runtime from ${JSON.stringify(options.runtimeImport)};\n`;
    const result = await build({
      stdin: { contents: entry, loader: "js", sourcefile: "bundle-entry.js", resolveDir: process.cwd() },
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      target: "node20",
      // npm packages are bundled too, except the native SQLite binding (loaded only when a script
      // uses SQLite, from the node_modules next to the bundle) and pg's optional native driver.
      external: NATIVE_PACKAGES,
      banner: { js: REQUIRE_SHIM },
      outfile: BUNDLE_FILE,
      sourcemap: options.sourcemap === "none" ? false : "external",
      sourcesContent: true,
      logLevel: "silent",
      plugins: [runtimeResolver(options.runtimeImport), scriptModule(ts, options.file)],
    });
    const js = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
    const map = result.outputFiles.find((f) => f.path.endsWith(".map"))?.text ?? null;
    return finish(stripMapComment(js), map === null ? null : completeMap(map, options.sources, dirname(BUNDLE_FILE)), options.sourcemap);
  } catch (error) {
    return failure(error);
  }
}

/** The emitted module, served to the bundle's entry under `SCRIPT_MODULE`. */
function scriptModule(ts: string, file: string): Plugin {
  return {
    name: "opensips-ts-script",
    setup(b) {
      b.onResolve({ filter: /^opensips-ts:script$/ }, () => ({ path: file, namespace: "opensips-ts-script" }));
      b.onLoad({ filter: /.*/, namespace: "opensips-ts-script" }, () => ({ contents: ts, loader: "ts", resolveDir: process.cwd() }));
    },
  };
}

/** Resolves the runtime import to the repository's `runtime/index.ts`. */
function runtimeResolver(specifier: string): Plugin {
  const filter = new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
  return {
    name: "opensips-ts-runtime",
    setup(b) {
      b.onResolve({ filter }, () => ({ path: RUNTIME_ENTRY }));
    },
  };
}

/**
 * The output map with the `.cfg` sources under the names the script's own map uses and with their
 * text; a bundle's other sources (the runtime), written relative to `bundleDir`, become absolute.
 */
function completeMap(mapText: string, cfg: ReadonlyMap<string, string>, bundleDir: string | null): string {
  const map = JSON.parse(mapText) as { sources: string[]; sourcesContent?: (string | null)[] };
  if (bundleDir !== null) {
    const byPath = new Map([...cfg.keys()].map((name) => [resolve(name), name]));
    map.sources = map.sources.map((source) => byPath.get(resolve(bundleDir, source)) ?? resolve(bundleDir, source));
  }
  map.sourcesContent = map.sources.map((source, i) => cfg.get(source) ?? map.sourcesContent?.[i] ?? null);
  return JSON.stringify(map);
}

function finish(code: string, map: string | null, mode: SourceMapMode): JsOutput {
  if (mode === "none" || map === null) return { code, map: null, errors: [] };
  const withComment = mode === "inline" ? `${code}${inlineSourceMapComment(map)}\n` : code;
  return { code: withComment, map, errors: [] };
}

function stripMapComment(js: string): string {
  return js.replace(/\/\/# sourceMappingURL=\S+\s*$/, "");
}

function failure(error: unknown): JsOutput {
  const messages = (error as { errors?: Message[] }).errors;
  if (Array.isArray(messages) && messages.length > 0) {
    return { code: "", map: null, errors: messages.map((m) => (m.location ? `${m.text} (${m.location.file}:${m.location.line})` : m.text)) };
  }
  return { code: "", map: null, errors: [error instanceof Error ? error.message : String(error)] };
}
