/**
 * The front end's entry point: preprocess (command, includes) → lex → parse → AST.
 * Never throws: every problem, even an internal one, comes back as a diagnostic.
 */
import type { Script, Span } from "./ast.ts";
import { AstBuilder } from "./ast-builder.ts";
import { diagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics.ts";
import { tokenize, type LexError } from "./lexer.ts";
import { ScriptParser } from "./parser.ts";
import { preprocess } from "./preprocess.ts";
import { SourceLocator } from "./source-locator.ts";
import { SYNTAX_CODES } from "./syntax-codes.ts";

export interface ParseOptions {
  file: string;
  readFile?: (path: string) => string | null;
  preprocessor?: string;
}

export interface ParseResult {
  script: Script;
  diagnostics: Diagnostic[];
  /** Every file read, for code frames. */
  sources: Map<string, string>;
  /** The main file and every included file, for --watch. */
  files: string[];
}

/** Built on first use and reused: constructing a Chevrotain parser is expensive. */
let sharedParser: ScriptParser | undefined;

export function parseScript(source: string, options: ParseOptions): ParseResult {
  const sources = new Map<string, string>([[options.file, source]]);
  try {
    const flat = preprocess(source, options);
    const locator = new SourceLocator(flat.text, flat.runs, options.file);
    const builder = new AstBuilder(flat.text, locator);
    const lexed = tokenize(flat.text);
    const lexDiagnostics = lexed.errors.map((e) => lexDiagnostic(e, flat.text, locator));
    sharedParser ??= new ScriptParser();
    const items = sharedParser.parseScript(lexed.tokens, builder);
    const parseDiagnostics = lexed.errors.some((e) => e.kind !== "character")
      ? withoutEndOfInputErrors(builder.diagnostics, locator.endOfInput())
      : builder.diagnostics;
    return {
      script: { kind: "Script", items, span: wholeFile(options.file, flat.sources.get(options.file) ?? source) },
      diagnostics: sortDiagnostics([...flat.diagnostics, ...lexDiagnostics, ...parseDiagnostics]),
      sources: flat.sources,
      files: flat.files,
    };
  } catch (e) {
    const span = wholeFile(options.file, source);
    const message = `internal error while parsing: ${e instanceof Error ? e.message : String(e)}`;
    return {
      script: { kind: "Script", items: [], span },
      diagnostics: [diagnostic("error", SYNTAX_CODES.internalError, message, { ...span, endLine: 1, endColumn: 1 })],
      sources,
      files: [options.file],
    };
  }
}

function lexDiagnostic(e: LexError, text: string, locator: SourceLocator): Diagnostic {
  const opener = locator.span(e.offset, e.offset + (e.kind === "comment" ? 2 : 1));
  switch (e.kind) {
    case "string":
      return diagnostic("error", SYNTAX_CODES.unterminatedString, `unterminated string: the closing \`${text[e.offset]}\` is missing`, opener);
    case "comment":
      return diagnostic("error", SYNTAX_CODES.unterminatedComment, "unterminated comment: `/*` without a matching `*/`", opener);
    case "pv":
      return diagnostic("error", SYNTAX_CODES.unterminatedPv, "unterminated pseudo-variable: a `(` after this `$` is never closed", opener);
    case "character": {
      // OpenSIPS's lexer has no rule for these; flex echoes them to stdout and goes on.
      const chars = text.slice(e.offset, e.offset + e.length);
      const what = e.length === 1 ? "character" : "characters";
      return diagnostic("warning", SYNTAX_CODES.unexpectedCharacter, `stray ${what} \`${chars}\` (OpenSIPS skips it)`, locator.span(e.offset, e.offset + e.length));
    }
  }
}

/** An unterminated string/comment/PV swallows the rest of the input; "unexpected end" errors are noise then. */
function withoutEndOfInputErrors(diagnostics: Diagnostic[], end: Span): Diagnostic[] {
  return diagnostics.filter((d) => !(d.file === end.file && d.line === end.line && d.column === end.column && d.endColumn === end.endColumn));
}

function wholeFile(file: string, text: string): Span {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  let lines = 1;
  for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) lines++;
  return { file, line: 1, column: 1, endLine: lines, endColumn: body.length - body.lastIndexOf("\n") };
}
