/**
 * esbuild plugin: `import script from "./opensips.cfg"` compiles the script into the bundle.
 * Diagnostics become esbuild errors and warnings at their .cfg locations, included files are
 * watched, and the script's source map flows into the bundle's.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { PartialMessage, Plugin } from "esbuild";
import type { Diagnostic } from "../compiler/diagnostics.ts";
import type { Target } from "./options.ts";

export interface OpensipsPluginOptions {
  target?: Target;
  /** Module the compiled script imports the runtime from (default `opensips-ts/runtime`). */
  runtimeImport?: string;
  preprocessor?: string;
}

export function opensipsPlugin(options: OpensipsPluginOptions = {}): Plugin {
  return {
    name: "opensips-ts",
    setup(build) {
      build.onLoad({ filter: /\.cfg$/ }, async (args) => {
        const { compile } = await import("../compiler/index.ts");
        const source = await readFile(args.path, "utf8");
        const result = await compile(source, {
          file: args.path,
          target: options.target,
          emit: "js",
          sourcemap: "inline",
          runtimeImport: options.runtimeImport,
          preprocessor: options.preprocessor,
        });
        const messages = (severity: Diagnostic["severity"]) =>
          result.diagnostics.filter((d) => d.severity === severity).map((d) => toMessage(d, result.sources));
        const errors = messages("error");
        return {
          contents: errors.length > 0 ? undefined : result.code,
          loader: "js",
          errors,
          warnings: messages("warning"),
          watchFiles: result.files.map((file) => resolve(file)),
        };
      });
    },
  };
}

/** esbuild counts columns and lengths in UTF-8 bytes; diagnostics count UTF-16 code units from 1. */
function toMessage(d: Diagnostic, sources: ReadonlyMap<string, string>): PartialMessage {
  const lineText = sources.get(d.file)?.split(/\r?\n/)[d.line - 1] ?? "";
  const bytesBefore = (column: number) => Buffer.byteLength(lineText.slice(0, Math.max(0, column - 1)));
  const start = bytesBefore(d.column);
  const end = d.endLine === d.line ? bytesBefore(d.endColumn) : Buffer.byteLength(lineText);
  return {
    text: `${d.message} [${d.code}]`,
    location: { file: resolve(d.file), line: d.line, column: start, length: Math.max(1, end - start), lineText },
  };
}

export default opensipsPlugin;
