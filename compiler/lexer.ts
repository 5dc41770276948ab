/**
 * The Chevrotain lexer for OpenSIPS scripts (spec §1): comments, both string kinds, numbers,
 * pseudo-variable tokens cut the way cfg.lex cuts them, IP addresses, keywords and operators.
 *
 * Keywords are lexed as identifiers and re-typed afterwards from a table: one hash lookup per word
 * instead of a hundred competing patterns. Unterminated strings, comments and pseudo-variables run to
 * the end of the input (as in OpenSIPS) and land in the `invalid` group, from which `tokenize`
 * reports them.
 */
import { createToken, Lexer, type ITokenConfig, type IToken, type TokenPattern, type TokenType } from "chevrotain";
import {
  BLANK_DELIMITED_WORDS,
  BOOLEAN_WORDS,
  GLOBAL_PARAMETER_WORDS,
  VALUE_WORDS,
} from "./reserved-words.ts";

/** Every real token belongs to this category, so error recovery can skip "any token". */
export const AnyToken = createToken({ name: "AnyToken", pattern: Lexer.NA });

const INVALID = "invalid";

function token(name: string, pattern: TokenPattern, label: string, extra: Partial<ITokenConfig> = {}): TokenType {
  return createToken({ name, pattern, label, categories: [AnyToken], ...extra });
}

function category(name: string, label: string): TokenType {
  return createToken({ name, pattern: Lexer.NA, label });
}

/** Every reserved word (statement keywords, core-parameter names, value and socket words, `null`). */
export const ReservedWord = category("ReservedWord", "a reserved word");

// Categories that let the grammar consume "one of" several token types in one step.
export const CompareOp = category("CompareOp", "a comparison operator");
export const AssignOp = category("AssignOp", "an assignment operator");
export const ArithOp = category("ArithOp", "an arithmetic operator");
export const BitOp = category("BitOp", "a bitwise operator");
export const LogicalOp = category("LogicalOp", "`&&` or `||`");
export const Sign = category("Sign", "`+` or `-`");
export const RouteKeyword = category("RouteKeyword", "a route keyword");
/** What a top-level parameter name can be: an identifier or a reserved core-parameter word. */
export const ParamName = category("ParamName", "a parameter name");
/** What a 2.x bare-word argument starts with. */
export const WordStart = category("WordStart", "a word");
export const StopKeyword = category("StopKeyword", "`exit` or `drop`");
export const ClauseKeyword = category("ClauseKeyword", "`case` or `default`");

function op(name: string, image: string, ...categories: TokenType[]): TokenType {
  return createToken({ name, pattern: image, label: "`" + image + "`", categories: [AnyToken, ...categories] });
}

// ---------------------------------------------------------------------------------------------
// Skipped and invalid input

const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\b\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
/** A backslash right before a newline joins the lines (outside strings). */
const LineContinuation = createToken({ name: "LineContinuation", pattern: /\\\r?\n/, group: Lexer.SKIPPED, line_breaks: true });
const LineComment = createToken({ name: "LineComment", pattern: /#[^\n]*/, group: Lexer.SKIPPED });
const BlockComment = createToken({
  name: "BlockComment",
  pattern: { exec: matchBlockComment },
  group: Lexer.SKIPPED,
  line_breaks: true,
  start_chars_hint: ["/"],
});
export const UnterminatedComment = createToken({ name: "UnterminatedComment", pattern: /\/\*[\s\S]*/, group: INVALID, line_breaks: true });

// ---------------------------------------------------------------------------------------------
// Literals

export const StringLiteral = category("StringLiteral", "a string");
export const DqString = token("DqString", /"(?:[^"\\]|\\[\s\S])*"/, "a string", { line_breaks: true, categories: [AnyToken, StringLiteral] });
export const SqString = token("SqString", /'[^']*'/, "a string", { line_breaks: true, categories: [AnyToken, StringLiteral] });
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /["'][\s\S]*/, group: INVALID, line_breaks: true });

export const PseudoVariable = token("PseudoVariable", { exec: matchPseudoVariable }, "a pseudo-variable", {
  start_chars_hint: ["$"],
  line_breaks: true,
});
export const UnterminatedPv = createToken({ name: "UnterminatedPv", pattern: /\$[\s\S]*/, group: INVALID, line_breaks: true });

/** IPv4, IPv6 or an `ip/bits` / `ip/mask` network, longest match as flex does it. */
export const IpLiteral = token("IpLiteral", { exec: matchIp }, "an IP address", {
  start_chars_hint: [..."0123456789abcdefABCDEF:"],
  categories: [AnyToken, WordStart],
});

export const NumberLike = category("NumberLike", "a number");
export const NumberLiteral = token("NumberLiteral", /0x[0-9a-fA-F]+|0[0-7]+|0|[1-9][0-9]*/, "a number", { categories: [AnyToken, NumberLike] });
/** `yes`/`no`/`true`/`false`/`on`/`off`/`enable`/`disable` lex as numbers. */
export const BooleanWord = token("BooleanWord", Lexer.NA, "a number", { categories: [AnyToken, NumberLike] });
export const Null = token("Null", Lexer.NA, "`null`", { categories: [AnyToken, ReservedWord] });

// ---------------------------------------------------------------------------------------------
// Words

export const Identifier = token("Identifier", /[A-Za-z][A-Za-z0-9_]*/, "an identifier", { categories: [AnyToken, ParamName, WordStart] });
/** The two keywords spelled with a dash. */
const HyphenWord = token("HyphenWord", /mem-group|read-only/, "a keyword");
/** A reserved core-parameter name (`log_level`, `socket`, `tos`…). */
export const GlobalWord = token("GlobalWord", Lexer.NA, "a reserved word", { categories: [AnyToken, ReservedWord, ParamName] });
/** A reserved value word (`any`, `anycast`, `reuse_port`, `tag`, `expire`…). */
export const ValueWord = token("ValueWord", Lexer.NA, "a reserved word", { categories: [AnyToken, ReservedWord] });
/** A blank-delimited socket / auto-scaling sub-option (`as`, `use_workers`, `on`…). */
export const SocketWord = token("SocketWord", Lexer.NA, "a keyword", { categories: [AnyToken, ReservedWord] });

function keyword(word: string, ...categories: TokenType[]): TokenType {
  return token(`Kw_${word}`, Lexer.NA, "`" + word + "`", { categories: [AnyToken, ReservedWord, ...categories] });
}

export const Route = keyword("route", RouteKeyword);
export const FailureRoute = keyword("failure_route", RouteKeyword);
export const OnreplyRoute = keyword("onreply_route", RouteKeyword);
export const BranchRoute = keyword("branch_route", RouteKeyword);
export const ErrorRoute = keyword("error_route", RouteKeyword);
export const LocalRoute = keyword("local_route", RouteKeyword);
export const StartupRoute = keyword("startup_route", RouteKeyword);
export const TimerRoute = keyword("timer_route", RouteKeyword);
export const EventRoute = keyword("event_route", RouteKeyword);
export const If = keyword("if");
export const Else = keyword("else");
export const Switch = keyword("switch");
export const Case = keyword("case", ClauseKeyword);
export const Default = keyword("default", ClauseKeyword);
export const Break = keyword("break");
export const While = keyword("while");
export const For = keyword("for");
export const In = keyword("in");
export const Return = keyword("return");
export const Exit = keyword("exit", StopKeyword);
export const Drop = keyword("drop", StopKeyword);
export const Assert = keyword("assert");
export const Log = keyword("log");
export const ErrorKw = keyword("error");
export const Xlog = keyword("xlog");
export const Xdbg = keyword("xdbg");
export const Async = keyword("async");
export const Launch = keyword("launch");
export const Sync = keyword("sync");
export const LoadModule = keyword("loadmodule");
export const ModParam = keyword("modparam");

export const ROUTE_KEYWORDS: readonly TokenType[] = [
  Route,
  FailureRoute,
  OnreplyRoute,
  BranchRoute,
  ErrorRoute,
  LocalRoute,
  StartupRoute,
  TimerRoute,
  EventRoute,
];

// ---------------------------------------------------------------------------------------------
// Operators and punctuation (longer spellings first)

export const EqEq = op("EqEq", "==", CompareOp);
export const Match = op("Match", "=~", CompareOp);
export const Assign = op("Assign", "=", AssignOp);
export const NotEq = op("NotEq", "!=", CompareOp);
export const NotMatch = op("NotMatch", "!~", CompareOp);
export const Bang = op("Bang", "!");
export const Lte = op("Lte", "<=", CompareOp);
export const Shl = op("Shl", "<<", BitOp);
export const Lt = op("Lt", "<", CompareOp);
export const Gte = op("Gte", ">=", CompareOp);
export const Shr = op("Shr", ">>", BitOp);
export const Gt = op("Gt", ">", CompareOp);
export const AndAnd = op("AndAnd", "&&", LogicalOp);
export const AmpEq = op("AmpEq", "&=", AssignOp);
export const Amp = op("Amp", "&", BitOp);
export const OrOr = op("OrOr", "||", LogicalOp);
export const PipeEq = op("PipeEq", "|=", AssignOp);
export const Pipe = op("Pipe", "|", BitOp);
export const PlusEq = op("PlusEq", "+=", AssignOp);
export const Plus = op("Plus", "+", ArithOp, Sign);
export const MinusEq = op("MinusEq", "-=", AssignOp);
export const Minus = op("Minus", "-", ArithOp, Sign);
export const StarEq = op("StarEq", "*=", AssignOp);
export const Star = op("Star", "*", ArithOp);
export const SlashEq = op("SlashEq", "/=", AssignOp);
export const Slash = op("Slash", "/", ArithOp);
export const PercentEq = op("PercentEq", "%=", AssignOp);
export const Percent = op("Percent", "%", ArithOp);
export const CaretEq = op("CaretEq", "^=", AssignOp);
export const Caret = op("Caret", "^", BitOp);
export const Tilde = op("Tilde", "~");
export const ColonEq = op("ColonEq", ":=", AssignOp);
export const Colon = op("Colon", ":");
export const Semicolon = op("Semicolon", ";");
export const Comma = op("Comma", ",");
export const Dot = op("Dot", ".");
export const LParen = op("LParen", "(");
export const RParen = op("RParen", ")");
export const LBrace = op("LBrace", "{");
export const RBrace = op("RBrace", "}");
export const LBrack = op("LBrack", "[");
export const RBrack = op("RBrack", "]");

const LEXER_TOKENS: TokenType[] = [
  WhiteSpace,
  LineContinuation,
  LineComment,
  BlockComment,
  UnterminatedComment,
  DqString,
  SqString,
  UnterminatedString,
  PseudoVariable,
  UnterminatedPv,
  IpLiteral,
  NumberLiteral,
  HyphenWord,
  Identifier,
  EqEq,
  Match,
  Assign,
  NotEq,
  NotMatch,
  Bang,
  Lte,
  Shl,
  Lt,
  Gte,
  Shr,
  Gt,
  AndAnd,
  AmpEq,
  Amp,
  OrOr,
  PipeEq,
  Pipe,
  PlusEq,
  Plus,
  MinusEq,
  Minus,
  StarEq,
  Star,
  SlashEq,
  Slash,
  PercentEq,
  Percent,
  CaretEq,
  Caret,
  Tilde,
  ColonEq,
  Colon,
  Semicolon,
  Comma,
  Dot,
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBrack,
  RBrack,
];

const STATEMENT_KEYWORDS = [
  Route,
  FailureRoute,
  OnreplyRoute,
  BranchRoute,
  ErrorRoute,
  LocalRoute,
  StartupRoute,
  TimerRoute,
  EventRoute,
  If,
  Else,
  Switch,
  Case,
  Default,
  Break,
  While,
  For,
  In,
  Return,
  Exit,
  Drop,
  Assert,
  Log,
  ErrorKw,
  Xlog,
  Xdbg,
  Async,
  Launch,
  Sync,
  LoadModule,
  ModParam,
];

/** Every token type the parser may see. */
export const ALL_TOKENS: TokenType[] = [
  AnyToken,
  ReservedWord,
  CompareOp,
  AssignOp,
  ArithOp,
  BitOp,
  LogicalOp,
  Sign,
  RouteKeyword,
  ParamName,
  WordStart,
  StopKeyword,
  ClauseKeyword,
  StringLiteral,
  NumberLike,
  ...LEXER_TOKENS,
  BooleanWord,
  Null,
  GlobalWord,
  ValueWord,
  SocketWord,
  ...STATEMENT_KEYWORDS,
];

/**
 * Tokens that cannot start a statement / a top-level item. Error-recovery alternatives consume
 * these, so they never compete with a real alternative on the first token (which would make the
 * parser look two tokens ahead and misreport `exit }` as an unexpected `exit`).
 */
export const NotStatementStart = category("NotStatementStart", "a token");
export const NotTopLevelStart = category("NotTopLevelStart", "a token");
const STATEMENT_STARTS = new Set<TokenType>([
  If,
  Switch,
  While,
  For,
  Semicolon,
  LBrace,
  Else,
  PseudoVariable,
  Identifier,
  Exit,
  Drop,
  Return,
  Break,
  Route,
  Xlog,
  Xdbg,
  Log,
  ErrorKw,
  Assert,
  Async,
  Launch,
]);
const TOP_LEVEL_STARTS = new Set<TokenType>([LoadModule, ModParam, ...ROUTE_KEYWORDS]);
for (const type of ALL_TOKENS) {
  if (!type.CATEGORIES?.includes(AnyToken)) continue;
  if (!STATEMENT_STARTS.has(type)) type.CATEGORIES.push(NotStatementStart);
  if (!TOP_LEVEL_STARTS.has(type)) type.CATEGORIES.push(NotTopLevelStart);
}
ALL_TOKENS.push(NotStatementStart, NotTopLevelStart);

const KEYWORDS = new Map<string, TokenType>();
for (const kw of STATEMENT_KEYWORDS) KEYWORDS.set(kw.LABEL!.slice(1, -1), kw);
for (const word of GLOBAL_PARAMETER_WORDS) KEYWORDS.set(word, GlobalWord);
KEYWORDS.set("mem-group", GlobalWord);
for (const word of VALUE_WORDS) KEYWORDS.set(word, ValueWord);
KEYWORDS.set("read-only", ValueWord);
for (const word of BOOLEAN_WORDS.keys()) KEYWORDS.set(word, BooleanWord);
KEYWORDS.set("null", Null);
KEYWORDS.set("NULL", Null);
KEYWORDS.set("and", AndAnd);
KEYWORDS.set("or", OrOr);
KEYWORDS.set("not", Bang);

const lexer = new Lexer(LEXER_TOKENS, { positionTracking: "onlyOffset", ensureOptimizations: true });

export interface LexError {
  kind: "character" | "string" | "comment" | "pv";
  offset: number;
  length: number;
}

export interface LexResult {
  tokens: IToken[];
  errors: LexError[];
}

const INVALID_KINDS = new Map<TokenType, LexError["kind"]>([
  [UnterminatedString, "string"],
  [UnterminatedComment, "comment"],
  [UnterminatedPv, "pv"],
]);

/** The offset just after a token. */
export function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

/** True when `b` starts right where `a` ends (no blank or comment between them). */
export function adjacent(a: IToken, b: IToken): boolean {
  return tokenEnd(a) === b.startOffset;
}

/** Tokenizes flattened script text. Never throws; problems are returned as `errors`. */
export function tokenize(text: string): LexResult {
  const result = lexer.tokenize(text);
  const errors: LexError[] = result.errors.map((e) => ({ kind: "character", offset: e.offset, length: e.length }));
  for (const bad of result.groups[INVALID] ?? []) {
    errors.push({ kind: INVALID_KINDS.get(bad.tokenType)!, offset: bad.startOffset, length: bad.image.length });
  }
  const tokens = result.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === Identifier || t.tokenType === HyphenWord) retypeWord(text, t);
  }
  return { tokens, errors };
}

function retypeWord(text: string, t: IToken): void {
  const image = t.image;
  let type = KEYWORDS.get(image);
  if (BLANK_DELIMITED_WORDS.has(image) && isEatable(text.charCodeAt(t.startOffset - 1)) && isEatable(text.charCodeAt(t.startOffset + image.length))) {
    type = SocketWord;
  }
  if (type !== undefined) {
    t.tokenType = type;
    t.tokenTypeIdx = type.tokenTypeIdx!;
  }
}

/** cfg.lex's EAT_ABLE blanks: space, tab, backspace, carriage return (not newline). */
function isEatable(c: number): boolean {
  return c === 32 || c === 9 || c === 8 || c === 13;
}

// ---------------------------------------------------------------------------------------------
// Custom matchers

function matchBlockComment(text: string, offset: number): [string] | null {
  if (text.charCodeAt(offset) !== 47 || text.charCodeAt(offset + 1) !== 42) return null;
  let depth = 1;
  let i = offset + 2;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (c === 42 && text.charCodeAt(i + 1) === 47) {
      i += 2;
      if (--depth === 0) return [text.slice(offset, i)];
    } else i++;
  }
  return null;
}

/**
 * Spec §1.6: `(` / `)` are counted; the matching `)` ends the token (included). At depth 0 the token
 * ends before a blank, `)`, `;`, `,`, any operator spelling, or the words `and` / `or` / `not`
 * (flex prefers the longer operator match over one more name character).
 */
function matchPseudoVariable(text: string, offset: number): [string] | null {
  if (text.charCodeAt(offset) !== 36) return null;
  let depth = 0;
  let i = offset + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 40) {
      depth++;
      i++;
    } else if (c === 41) {
      if (depth === 0) break;
      i++;
      if (depth === 1) return [text.slice(offset, i)];
      depth--;
    } else if (depth > 0) {
      i++;
    } else if (endsShortPv(text, i, c)) {
      break;
    } else i++;
  }
  return depth > 0 ? null : [text.slice(offset, i)];
}

function endsShortPv(text: string, i: number, c: number): boolean {
  switch (c) {
    case 32: // blank
    case 9:
    case 13:
    case 10:
    case 59: // ;
    case 44: // ,
    case 61: // =
    case 43: // +
    case 45: // -
    case 42: // *
    case 47: // /
    case 37: // %
    case 38: // &
    case 124: // |
    case 94: // ^
    case 126: // ~
    case 60: // <
    case 62: // >
    case 33: // !
      return true;
    case 58: // `:=`
      return text.charCodeAt(i + 1) === 61;
    case 97: // and
      return text.startsWith("and", i);
    case 111: // or
      return text.charCodeAt(i + 1) === 114;
    case 110: // not
      return text.startsWith("not", i);
    default:
      return false;
  }
}

const HEX4 = "[0-9a-fA-F]{1,4}";
const IPV4 = "(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)";
const IPV6_FORMS = [
  `(?:${HEX4}:){7}${HEX4}`,
  `(?:${HEX4}:){1,7}(?::${HEX4}){1,7}`,
  `:(?::${HEX4}){1,7}`,
  `(?:${HEX4}:){1,7}:`,
  "::",
];
const IP_FORMS: RegExp[] = [
  ...IPV6_FORMS.flatMap((v6) => [`(?:${v6})/(?:0|[1-9][0-9]*)`, `(?:${v6})/(?:${IPV6_FORMS.join("|")})`]),
  `${IPV4}/${IPV4}`,
  `${IPV4}/(?:0|[1-9][0-9]*)`,
  IPV4,
  ...IPV6_FORMS,
].map((source) => new RegExp(source, "y"));

function matchIp(text: string, offset: number): [string] | null {
  // Fast reject: an address starts with up to four hex digits followed by `:` or `.`, or with `::`.
  let i = offset;
  while (i < offset + 4 && isHex(text.charCodeAt(i))) i++;
  const next = text.charCodeAt(i);
  if (i === offset ? !(next === 58 && text.charCodeAt(i + 1) === 58) : next !== 58 && next !== 46) return null;
  let best = 0;
  for (const re of IP_FORMS) {
    re.lastIndex = offset;
    const m = re.exec(text);
    if (m && m[0].length > best) best = m[0].length;
  }
  if (best === 0) return null;
  return [text.slice(offset, offset + best)];
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
