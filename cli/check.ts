/** `opensips-ts check`: parse and check each file, print diagnostics for people or as JSON. */
import { readFileSync } from "node:fs";
import { parseScript } from "../compiler/parse.ts";
import { checkScript } from "../compiler/check.ts";
import type { Script } from "../compiler/ast.ts";
import { diagnostic, diagnosticToJson, hasErrors, renderDiagnostic, sortDiagnostics, type Diagnostic } from "../compiler/diagnostics.ts";
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type Target } from "./options.ts";

export interface CheckOptions {
  files: string[];
  json: boolean;
  /** Undefined: 3.6, unless the script is written in 2.x syntax (then 2.4, with a note saying so). */
  target?: Target;
  preprocessor?: string;
  color: boolean;
}

interface FileResult {
  file: string;
  ok: boolean;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

export async function runCheck(options: CheckOptions): Promise<number> {
  const results: FileResult[] = [];
  let ioFailure = false;
  for (const file of options.files) {
    const source = readText(file);
    if (source === null) {
      ioFailure = true;
      process.stderr.write(`opensips-ts: cannot read ${file}\n`);
      continue;
    }
    results.push(checkFile(file, source, options));
  }
  if (options.json) {
    // Each diagnostic names its own file: an included file's errors are reported with the main file.
    const json = results.map((r) => ({ file: r.file, ok: r.ok, diagnostics: r.diagnostics.map((d) => ({ file: d.file, ...diagnosticToJson(d) })) }));
    process.stdout.write(JSON.stringify(json, null, 2) + "\n");
  } else {
    for (const r of results) printResult(r, options.color);
  }
  if (ioFailure) return EXIT_USAGE;
  return results.every((r) => r.ok) ? EXIT_OK : EXIT_ERRORS;
}

function checkFile(file: string, source: string, options: CheckOptions): FileResult {
  const parsed = parseScript(source, { file, preprocessor: options.preprocessor });
  const diagnostics = [...parsed.diagnostics];
  if (!hasErrors(parsed.diagnostics)) diagnostics.push(...checkForTarget(parsed.script, options.target));
  const sorted = sortDiagnostics(diagnostics);
  return { file, ok: !hasErrors(sorted), diagnostics: sorted, sources: parsed.sources };
}

function printResult(result: FileResult, color: boolean): void {
  for (const d of result.diagnostics) process.stdout.write(renderDiagnostic(d, { sources: result.sources, color }) + "\n\n");
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
  process.stdout.write(`${result.file}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`);
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** Diagnostics of syntax that only OpenSIPS 2.x accepts: keyword conditions, bare words, calls without `()`, 2.x globals. */
const ONLY_2X_SYNTAX = new Set(["OSC3401", "OSC3402", "OSC3403", "OSC3404", "OSC3405"]);

/**
 * With a target, that version's rules. Without one, OpenSIPS 3.6's — unless the script is written
 * in 2.x syntax, which 3.x rejects outright: then 2.4's, and an info diagnostic says why.
 */
function checkForTarget(script: Script, target: Target | undefined): Diagnostic[] {
  const diagnostics = checkScript(script, { target: target ?? "3.6" }).diagnostics;
  if (target !== undefined) return diagnostics;
  const legacy = diagnostics.find((d) => ONLY_2X_SYNTAX.has(d.code));
  if (legacy === undefined) return diagnostics;
  const note = diagnostic(
    "info",
    "OSX0100",
    `checked as OpenSIPS 2.4 because this script is written in 2.x syntax (${legacy.message.replace(/\.$/, "")}); pass --target to choose the version`,
    { file: legacy.file, line: legacy.line, column: legacy.column, endLine: legacy.endLine, endColumn: legacy.endColumn },
  );
  return [note, ...checkScript(script, { target: "2.4" }).diagnostics];
}
