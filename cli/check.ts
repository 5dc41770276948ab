/** `opensips-ts check`: parse and check each file, print diagnostics for people or as JSON. */
import { readFileSync } from "node:fs";
import { parseScript } from "../compiler/parse.ts";
import { checkScript } from "../compiler/check.ts";
import { diagnosticToJson, hasErrors, renderDiagnostic, sortDiagnostics, type Diagnostic } from "../compiler/diagnostics.ts";
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type Target } from "./options.ts";

export interface CheckOptions {
  files: string[];
  json: boolean;
  target: Target;
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
  if (!hasErrors(parsed.diagnostics)) diagnostics.push(...checkScript(parsed.script, { target: options.target }).diagnostics);
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
