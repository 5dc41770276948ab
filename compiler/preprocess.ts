/**
 * Preprocessing (spec §0, §3.6): the optional external preprocessor command, then include flattening.
 *
 * `include_file "path"` / `import_file "path"` (the two are equivalent in 3.x) is recognised only as the
 * first word of a line; the whole line is replaced by the file's contents. Every output line remembers
 * the file and line it came from, so spans name the original `file:line:col`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { Span } from "./ast.ts";
import { diagnostic, type Diagnostic } from "./diagnostics.ts";
import { SYNTAX_CODES } from "./syntax-codes.ts";

/** A run of consecutive flattened lines that come from consecutive lines of one file. */
export interface LineRun {
  /** 0-based index of the run's first line in the flattened text. */
  flatLine: number;
  file: string;
  /** 1-based line of that first line in `file`. */
  line: number;
}

export interface Flattened {
  text: string;
  runs: LineRun[];
  diagnostics: Diagnostic[];
  /** Every file read (the main file as the parser saw it, after the preprocessor command). */
  sources: Map<string, string>;
  /** The main file and every included file, in reading order. */
  files: string[];
}

export interface PreprocessOptions {
  file: string;
  readFile?: (path: string) => string | null;
  /** A shell command the main file's text is piped through first (like `opensips -p`). */
  preprocessor?: string;
}

/** OpenSIPS's include nesting limit (it is also how OpenSIPS notices include loops). */
const MAX_INCLUDE_DEPTH = 50;
const DIRECTIVE = /^[ \t]*(include_file|import_file)[ \t]*(["'])(.+?)\2/;

export function preprocess(source: string, options: PreprocessOptions): Flattened {
  const readFile = options.readFile ?? readFileOrNull;
  const out: Flattened = { text: "", runs: [], diagnostics: [], sources: new Map(), files: [] };
  let mainText = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (options.preprocessor !== undefined) {
    const piped = runPreprocessor(options.preprocessor, mainText, options.file);
    if (typeof piped !== "string") {
      out.diagnostics.push(piped);
      out.sources.set(options.file, mainText);
      out.files.push(options.file);
      return out;
    }
    mainText = piped;
  }
  const flattener = new Flattener(readFile, out);
  flattener.flatten(options.file, mainText, [resolve(options.file)]);
  out.text = flattener.chunks.join("\n");
  return out;
}

class Flattener {
  /** Pieces of the output, each one or more whole lines, to be joined with newlines. */
  readonly chunks: string[] = [];
  private lineCount = 0;

  constructor(
    private readonly readFile: (path: string) => string | null,
    private readonly out: Flattened,
  ) {}

  flatten(file: string, text: string, stack: string[]): void {
    this.out.sources.set(file, text);
    this.out.files.push(file);
    const body = text.endsWith("\n") ? text.slice(0, -1) : text;
    if (!body.includes("include_file") && !body.includes("import_file")) {
      this.add(body, countLines(body), file, 1);
      return;
    }
    const fileLines = body.split("\n");
    for (let i = 0; i < fileLines.length; i++) {
      const line = fileLines[i]!;
      const directive = DIRECTIVE.exec(line);
      if (directive) {
        const column = directive[0].indexOf(directive[1]!) + 1;
        const span: Span = { file, line: i + 1, column, endLine: i + 1, endColumn: directive[0].length + 1 };
        this.include(directive[3]!, file, span, stack);
        continue;
      }
      this.add(line, 1, file, i + 1);
    }
  }

  /** Appends `lines` lines of `file` starting at `firstLine`. */
  private add(chunk: string, lines: number, file: string, firstLine: number): void {
    const runs = this.out.runs;
    const last = runs[runs.length - 1];
    const flatLine = this.lineCount;
    if (!last || last.file !== file || last.line + (flatLine - last.flatLine) !== firstLine) {
      runs.push({ flatLine, file, line: firstLine });
    }
    this.chunks.push(chunk);
    this.lineCount += lines;
  }

  private include(path: string, from: string, span: Span, stack: string[]): void {
    const found = this.locate(path, from);
    if (!found) {
      this.error(SYNTAX_CODES.includeNotFound, `cannot read the included file \`${path}\``, span);
      return;
    }
    const absolute = resolve(found.path);
    if (stack.includes(absolute)) {
      this.error(SYNTAX_CODES.includeCycle, `include cycle: \`${found.path}\` is already being included (${chain(stack, absolute)})`, span);
      return;
    }
    if (stack.length >= MAX_INCLUDE_DEPTH) {
      this.error(SYNTAX_CODES.includeTooDeep, `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels`, span);
      return;
    }
    this.flatten(found.path, found.text, [...stack, absolute]);
  }

  /** Relative paths: first against the working directory, then against the including file's directory. */
  private locate(path: string, from: string): { path: string; text: string } | null {
    const candidates = isAbsolute(path) ? [path] : [...new Set([path, join(dirname(from), path)])];
    for (const candidate of candidates) {
      const text = this.readFile(candidate);
      if (text !== null) return { path: candidate, text };
    }
    return null;
  }

  private error(code: string, message: string, span: Span): void {
    this.out.diagnostics.push(diagnostic("error", code, message, span));
  }
}

function chain(stack: string[], again: string): string {
  const start = stack.indexOf(again);
  return [...stack.slice(start), again].map((p) => p.split("/").pop()).join(" → ");
}

function runPreprocessor(command: string, text: string, file: string): string | Diagnostic {
  const span: Span = { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const fail = (why: string) =>
    diagnostic("error", SYNTAX_CODES.preprocessorFailed, `the preprocessor command \`${command}\` failed: ${why}`, span);
  const run = spawnSync("/bin/sh", ["-c", command], { input: text, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  // A command that exits without reading all of its input makes the write fail with EPIPE; its
  // exit status and output still say what happened.
  const brokenPipe = (run.error as NodeJS.ErrnoException | undefined)?.code === "EPIPE" && run.status !== null;
  if (run.error && !brokenPipe) return fail(run.error.message);
  if (run.status !== 0) {
    const detail = run.stderr.trim().split("\n")[0];
    return fail(`exit status ${run.status ?? run.signal}${detail ? ` (${detail})` : ""}`);
  }
  if (run.stdout.length === 0) return fail("it printed nothing on standard output");
  return run.stdout;
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}
