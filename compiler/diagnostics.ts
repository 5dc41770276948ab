/**
 * Diagnostics are values: every phase returns them, none throws. They render as
 * `file:line:col: error: message` with a code frame for people, or as JSON for tools.
 */
import type { Span } from "./ast.ts";

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier, e.g. `OSX1001`; see `docs` in the README. */
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function diagnostic(severity: Severity, code: string, message: string, span: Span): Diagnostic {
  return {
    severity,
    code,
    message,
    file: span.file,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Orders diagnostics by file, then position, keeping the phase order for equal positions. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) =>
      a.d.file === b.d.file
        ? a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i
        : a.d.file < b.d.file
          ? -1
          : 1,
    )
    .map((x) => x.d);
}

export interface RenderOptions {
  /** Source text of each file, for code frames. */
  sources: ReadonlyMap<string, string>;
  color: boolean;
}

const COLORS = { error: "\x1b[31m", warning: "\x1b[33m", info: "\x1b[36m", bold: "\x1b[1m", dim: "\x1b[2m", reset: "\x1b[0m" };

/** `file:line:col: error: message [code]` followed by a code frame with a caret under the span. */
export function renderDiagnostic(d: Diagnostic, options: RenderOptions): string {
  const paint = (color: string, text: string) => (options.color ? color + text + COLORS.reset : text);
  const head =
    paint(COLORS.bold, `${d.file}:${d.line}:${d.column}:`) +
    " " +
    paint(COLORS[d.severity], `${d.severity}:`) +
    " " +
    d.message +
    paint(COLORS.dim, ` [${d.code}]`);
  const frame = codeFrame(d, options.sources.get(d.file));
  return frame ? `${head}\n${frame.replace(/\^+/, (carets) => paint(COLORS[d.severity], carets))}` : head;
}

function codeFrame(d: Diagnostic, source: string | undefined): string | null {
  if (source === undefined) return null;
  const lines = source.split(/\r?\n/);
  const text = lines[d.line - 1];
  if (text === undefined) return null;
  const gutter = String(d.line).length;
  const visible = text.replace(/\t/g, " ");
  const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, visible.length - d.column + 1);
  const out: string[] = [];
  if (d.line > 1 && lines[d.line - 2]?.trim()) out.push(`${String(d.line - 1).padStart(gutter)} | ${lines[d.line - 2]!.replace(/\t/g, " ")}`);
  out.push(`${d.line} | ${visible}`);
  out.push(`${" ".repeat(gutter)} | ${" ".repeat(Math.max(0, d.column - 1))}${"^".repeat(width)}`);
  return out.join("\n");
}

/** The `--json` shape of one diagnostic (file is given once per file entry). */
export function diagnosticToJson(d: Diagnostic) {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
  };
}
