/**
 * Turns a syntax error (the offending token plus its surroundings) into one short sentence that says
 * what is wrong and, where it is clear, how to fix it. Positions follow OpenSIPS (spec §1.9): the
 * offending / lookahead token, or the end of the input.
 */
import { tokenMatcher, type IToken, type TokenType } from "chevrotain";
import {
  adjacent,
  AndAnd,
  ArithOp,
  Bang,
  BitOp,
  CompareOp,
  Dot,
  Identifier,
  LBrace,
  LBrack,
  LParen,
  Minus,
  NumberLike,
  NumberLiteral,
  OrOr,
  GlobalWord,
  Null,
  PseudoVariable,
  RBrace,
  ROUTE_KEYWORDS,
  Semicolon,
  Slash,
  SocketWord,
  StringLiteral,
  ValueWord,
} from "./lexer.ts";
import { SYNTAX_CODES } from "./syntax-codes.ts";

export type ErrorContext = "top" | "modparam" | "statement" | "condition" | "value" | "arguments" | "xlog" | "routeName";

export interface SyntaxErrorInput {
  /** The offending token (Chevrotain's EOF token at the end of the input). */
  token: IToken;
  previous: IToken | undefined;
  next: IToken | undefined;
  /** For "expected X, found Y" errors. */
  expected?: TokenType;
  context: ErrorContext;
  /** Where the innermost `{` not closed yet was opened (`line 12`, `line 3 of b.cfg`). */
  unclosedBrace?: string;
  /** Script text, for suggestions quoting the source. */
  text: string;
}

export interface SyntaxErrorReport {
  code: string;
  message: string;
  /** Where to report it; null means the end of the input. */
  at: IToken | null;
}

export function describeSyntaxError(input: SyntaxErrorInput): SyntaxErrorReport {
  return specificError(input) ?? genericError(input);
}

export function describeToken(t: IToken | undefined): string {
  if (!t || isEof(t)) return "the end of the file";
  const image = t.image.length > 40 ? t.image.slice(0, 37) + "…" : t.image;
  return "`" + image.replace(/\n/g, "\\n") + "`";
}

export function isEof(t: IToken): boolean {
  return Number.isNaN(t.startOffset);
}

function specificError(input: SyntaxErrorInput): SyntaxErrorReport | null {
  const { token: t, previous: p, next: n, context } = input;
  if (isEof(t)) return endOfInput(input);
  const report = (code: string, message: string, at: IToken | null = t) => ({ code, message, at });
  if (t.tokenType === Slash && n?.tokenType === Slash && adjacent(t, n)) {
    return report(SYNTAX_CODES.slashSlashComment, "`//` is not a comment in OpenSIPS scripts: use `#` or `/* */`");
  }
  if (t.tokenType === SocketWord && t.image.toLowerCase() === "on") {
    return report(SYNTAX_CODES.onKeyword, "`on` between blanks is the auto-scaling keyword, not the number 1: write `1` (or `yes`)");
  }
  if (p && adjacent(p, t) && p.tokenType === PseudoVariable) {
    const pvError = pvSuffixError(input, p);
    if (pvError) return pvError;
  }
  if (p && n && is(p, NumberLiteral) && t.tokenType === Dot && is(n, NumberLiteral) && adjacent(p, t) && adjacent(t, n)) {
    return report(SYNTAX_CODES.floatLiteral, `\`${p.image}.${n.image}\`: floating-point numbers are not supported; use an integer, or a string`);
  }
  if (p && is(t, StringLiteral) && is(p, StringLiteral) && context !== "modparam") {
    return report(SYNTAX_CODES.adjacentStrings, "adjacent strings are joined only in `xlog`, `xdbg` and `modparam`: use `+` to concatenate values");
  }
  if (context === "condition") {
    const conditionError = conditionSpecificError(t, p, n);
    if (conditionError) return conditionError;
  }
  if (context === "routeName" && p && adjacent(p, t) && (t.tokenType === Minus || t.tokenType === Dot)) {
    const name = wordAround(input.text, p);
    return report(SYNTAX_CODES.routeNameNeedsQuotes, `route names containing \`-\` or \`.\` must be quoted: write \`"${name}"\``);
  }
  if (input.expected === LParen && p && is(p, Identifier)) {
    return report(SYNTAX_CODES.bareWord, `bare word \`${p.image}\` in an expression: write a string, a number or a pseudo-variable (or call a function with \`()\`)`, p);
  }
  if (context === "arguments") {
    if (t.tokenType === LParen && p && is(p, Identifier)) {
      return report(SYNTAX_CODES.invalidArgument, "a function argument is a string, a number or one pseudo-variable: calls cannot be nested");
    }
    if (is(t, ArithOp) || is(t, BitOp) || is(t, CompareOp)) {
      return report(SYNTAX_CODES.invalidArgument, "a function argument is a string, a number or one pseudo-variable: compute expressions into a variable first");
    }
  }
  if (context === "xlog" && t.tokenType === PseudoVariable) {
    return report(SYNTAX_CODES.xlogArgument, `\`xlog\`/\`xdbg\` take string literals: write the variable inside the string, \`"${t.image}"\``);
  }
  if (t.tokenType === Semicolon && context === "top") {
    return report(SYNTAX_CODES.topLevelSemicolon, "`;` is not allowed at top level: top-level parameters and module lines take no `;`");
  }
  if (input.expected === RBrace && input.unclosedBrace && ROUTE_KEYWORDS.includes(t.tokenType)) {
    return report(SYNTAX_CODES.unterminatedBlock, `missing \`}\`: the block opened at ${input.unclosedBrace} is not closed before this route`);
  }
  if (p?.tokenType === Null && (is(t, ArithOp) || is(t, BitOp))) {
    return report(SYNTAX_CODES.syntaxError, "`null` can only be assigned on its own, not used in an expression");
  }
  if (input.expected === Semicolon) {
    return report(SYNTAX_CODES.missingSemicolon, `missing \`;\` before ${describeToken(t)}: every statement ends with \`;\``);
  }
  if ((t.tokenType === GlobalWord || t.tokenType === ValueWord) && n?.tokenType === LParen) {
    return report(SYNTAX_CODES.reservedWord, `\`${t.image}\` is a reserved word and cannot name a function`);
  }
  return null;
}

function pvSuffixError(input: SyntaxErrorInput, pv: IToken): SyntaxErrorReport | null {
  const t = input.token;
  const short = !pv.image.startsWith("$(");
  const name = pv.image.slice(1);
  if (t.tokenType === LBrack && short) {
    const index = balancedSource(input.text, t, "[", "]");
    return {
      code: SYNTAX_CODES.indexNeedsLongForm,
      message: `an index needs the long form: write \`$(${name}${index})\``,
      at: t,
    };
  }
  if (t.tokenType === LBrace) {
    const transforms = balancedSource(input.text, t, "{", "}");
    const inner = short ? name : name.slice(1, -1);
    return {
      code: SYNTAX_CODES.transformNeedsLongForm,
      message: `a transformation needs the long form: write \`$(${inner}${transforms})\``,
      at: t,
    };
  }
  const word = /^(and|or|not)/.exec(t.image);
  if (short && word && (is(t, Identifier) || t.tokenType === AndAnd || t.tokenType === OrOr || t.tokenType === Bang)) {
    const full = name + wordFrom(input.text, t.startOffset);
    return {
      code: SYNTAX_CODES.pvWordQuirk,
      message: `OpenSIPS ends a short pseudo-variable name at the letters \`${word[1]}\`, so \`$${full}\` is cut: write \`$(${full})\``,
      at: t,
    };
  }
  return null;
}

function conditionSpecificError(t: IToken, p: IToken | undefined, n: IToken | undefined): SyntaxErrorReport | null {
  if (is(t, CompareOp) && p && p.tokenType !== PseudoVariable) {
    return { code: SYNTAX_CODES.comparisonLeftSide, message: "the left side of a comparison must be a pseudo-variable", at: t };
  }
  if ((is(t, StringLiteral) || is(t, NumberLike)) && n && is(n, CompareOp)) {
    return { code: SYNTAX_CODES.comparisonLeftSide, message: "the left side of a comparison must be a pseudo-variable", at: t };
  }
  if (is(t, ArithOp) || is(t, BitOp)) {
    return {
      code: SYNTAX_CODES.arithmeticInCondition,
      message: "arithmetic is not allowed in a condition: compare one pseudo-variable, or test an expression with `[ … ]`",
      at: t,
    };
  }
  return null;
}

function endOfInput(input: SyntaxErrorInput): SyntaxErrorReport {
  if (input.unclosedBrace) {
    return {
      code: SYNTAX_CODES.unterminatedBlock,
      message: `unexpected end of file: the \`{\` opened at ${input.unclosedBrace} is never closed`,
      at: null,
    };
  }
  const expected = input.expected ? `: expected ${input.expected.LABEL ?? input.expected.name}` : "";
  return { code: SYNTAX_CODES.syntaxError, message: `unexpected end of file${expected}`, at: null };
}

function genericError(input: SyntaxErrorInput): SyntaxErrorReport {
  const found = describeToken(input.token);
  const where = CONTEXT_NAMES[input.context];
  const message = input.expected
    ? `expected ${input.expected.LABEL ?? input.expected.name}, found ${found}`
    : `unexpected ${found}${where ? ` ${where}` : ""}`;
  return { code: SYNTAX_CODES.syntaxError, message, at: input.token };
}

const CONTEXT_NAMES: Record<ErrorContext, string> = {
  top: "at top level: expected a parameter (`name = value`), `loadmodule`, `modparam` or a route block",
  modparam: "in `modparam(\"module\", \"param\", value)`: the value is a string, adjacent strings or a number",
  statement: "",
  condition: "in a condition",
  value: "in a value",
  arguments: "in function arguments",
  xlog: "in `xlog` arguments",
  routeName: "in a route name",
};

function is(t: IToken | undefined, type: TokenType): boolean {
  return t !== undefined && tokenMatcher(t, type);
}

/** The source from an opening bracket token to its matching closing bracket (same line run). */
function balancedSource(text: string, open: IToken, openChar: string, closeChar: string): string {
  let depth = 0;
  for (let i = open.startOffset; i < text.length; i++) {
    const c = text[i];
    if (c === openChar) depth++;
    else if (c === closeChar && --depth === 0) return text.slice(open.startOffset, i + 1);
    else if (c === "\n") break;
  }
  return openChar + "…" + closeChar;
}

const WORD_CHAR = /[A-Za-z0-9_.-]/;

/** The run of name characters, dashes and dots around a token (`my-route`, `a.b`). */
function wordAround(text: string, t: IToken): string {
  let start = t.startOffset;
  while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
  return wordFrom(text, start);
}

function wordFrom(text: string, start: number): string {
  let stop = start;
  while (stop < text.length && WORD_CHAR.test(text[stop]!)) stop++;
  return text.slice(start, stop);
}
