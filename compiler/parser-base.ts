/**
 * The machinery under the grammar (parser.ts): parse state, lookahead helpers, and error handling.
 *
 * Chevrotain's own recovery is off. Statements, switch clauses, conditions and top-level items are
 * parsed inside `attempt()`, which turns a failure into one diagnostic and re-synchronises (to the
 * next `;` / `}` / `)` / top-level item), so one run reports every independent error. A token is
 * blamed at most once, so one mistake never yields a cascade of follow-on messages.
 */
import { EmbeddedActionsParser, isRecognitionException, tokenMatcher, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import type { NullLit, PseudoVar, RouteKind, StringLit } from "./ast.ts";
import type { AstBuilder } from "./ast-builder.ts";
import {
  adjacent,
  ALL_TOKENS,
  Assign,
  BranchRoute,
  Case,
  Colon,
  Default,
  Dot,
  Else,
  ErrorRoute,
  EventRoute,
  FailureRoute,
  GlobalWord,
  Identifier,
  IpLiteral,
  LBrace,
  LBrack,
  LoadModule,
  LocalRoute,
  LParen,
  Minus,
  ModParam,
  NumberLike,
  OnreplyRoute,
  RBrace,
  Route,
  RParen,
  Semicolon,
  Star,
  StartupRoute,
  TimerRoute,
} from "./lexer.ts";
import { describeSyntaxError, isEof, type ErrorContext } from "./parse-errors.ts";

/** A syntax error already reported by a grammar action; the enclosing `attempt()` re-synchronises. */
export class ReportedError extends Error {}

/** The route keyword tokens and the kind of route each opens. */
export const ROUTE_KINDS = new Map<TokenType, RouteKind>([
  [Route, "request"],
  [FailureRoute, "failure"],
  [OnreplyRoute, "onreply"],
  [BranchRoute, "branch"],
  [ErrorRoute, "error"],
  [LocalRoute, "local"],
  [StartupRoute, "startup"],
  [TimerRoute, "timer"],
  [EventRoute, "event"],
]);
/** Which kind of place a grammar rule is, for wording errors found inside it. */
const RULE_CONTEXTS: Record<string, ErrorContext> = {
  script: "top",
  topItem: "top",
  globalParam: "top",
  modParam: "modparam",
  loadModule: "top",
  condExpr: "condition",
  condUnary: "condition",
  condPrimary: "condition",
  pvAtom: "condition",
  identifierAtom: "condition",
  compareRhs: "condition",
  valueExpr: "value",
  arithExpr: "value",
  unaryValue: "value",
  valuePrimary: "value",
  args: "arguments",
  argument: "arguments",
  wordArg: "arguments",
  xlogStatement: "xlog",
  xdbgStatement: "xlog",
  routeName: "routeName",
  routeTarget: "routeName",
  routeBlock: "routeName",
  routeCall: "routeName",
  routeBody: "statement",
  parenthesizedCondition: "condition",
  callArguments: "arguments",
};

/** Remembers the token type a mismatch expected, for messages like "missing `;`". */
const messages = {
  lastExpected: undefined as TokenType | undefined,
  buildMismatchTokenMessage(options: { expected: TokenType }) {
    messages.lastExpected = options.expected;
    return `expected ${options.expected.LABEL ?? options.expected.name}`;
  },
  buildNotAllInputParsedMessage() {
    messages.lastExpected = undefined;
    return "unexpected input";
  },
  buildNoViableAltMessage() {
    messages.lastExpected = undefined;
    return "unexpected token";
  },
  buildEarlyExitMessage() {
    messages.lastExpected = undefined;
    return "unexpected token";
  },
};

export abstract class ParserBase extends EmbeddedActionsParser {
  protected b!: AstBuilder;
  /** `break` is legal while this is > 0 (inside switch / while / for bodies). */
  protected loopDepth = 0;
  /** The `{` tokens not closed yet, innermost last (for "missing `}`" messages). */
  protected openBraces: IToken[] = [];
  /** Offsets of tokens already blamed, so one mistake yields one diagnostic. */
  private blamed = new Set<number>();

  constructor(validateGrammar: boolean) {
    super(ALL_TOKENS, { recoveryEnabled: false, maxLookahead: 2, errorMessageProvider: messages, skipValidations: !validateGrammar });
  }

  /** Resets the state for a new token vector. */
  protected start(tokens: IToken[], builder: AstBuilder): void {
    this.b = builder;
    this.loopDepth = 0;
    this.openBraces = [];
    this.blamed = new Set();
    this.input = tokens;
  }

  // ===========================================================================================
  // Lookahead helpers

  /** `loadmodule`, `modparam`, or a route header (`route[`, `route {`, any other route keyword). */
  protected atTopLevelStart(): boolean {
    const t = this.LA(1).tokenType;
    if (t === LoadModule || t === ModParam) return true;
    if (t === Route) {
      const next = this.LA(2).tokenType;
      return next === LBrack || next === LBrace;
    }
    if (ROUTE_KINDS.has(t)) return true;
    return this.atGlobalParam();
  }

  protected atGlobalParam(): boolean {
    const t = this.LA(1).tokenType;
    return (t === Identifier || t === GlobalWord) && this.LA(2).tokenType === Assign;
  }

  /** Where a statement list ends: `}`, the end, a new top-level item, or (in a switch) a clause. */
  protected atBlockEnd(inSwitch: boolean): boolean {
    const t = this.LA(1);
    if (t.tokenType === RBrace || isEof(t)) return true;
    if (inSwitch && (t.tokenType === Case || t.tokenType === Default)) return true;
    const type = t.tokenType;
    if (type === LoadModule || type === ModParam) return true;
    if (type === Route) {
      const next = this.LA(2).tokenType;
      return next === LBrack || next === LBrace;
    }
    return ROUTE_KINDS.has(type);
  }

  /** The next token continues a bare word: adjacent, and a name piece or `:` `.` `-` `*`. */
  protected continuesWord(): boolean {
    const previous = this.LA(0);
    const next = this.LA(1);
    if (isEof(next) || !adjacent(previous, next)) return false;
    const type = next.tokenType;
    return type === Colon || type === Identifier || type === IpLiteral || type === Minus || type === Dot || type === Star || tokenMatcher(next, NumberLike);
  }

  /** The tokens after `first` up to the last one consumed. */
  protected tokensAfter(first: IToken): IToken[] {
    const tokens = this.input;
    const from = this.indexOf(first) + 1;
    return tokens.slice(from, this.indexOf(this.LA(0)) + 1);
  }

  /** The token `distance` places after `t` (negative: before); `t` may be the end-of-input token. */
  protected tokenAfter(t: IToken, distance: number): IToken | undefined {
    return this.input[this.indexOf(t) + distance];
  }

  private indexOf(t: IToken): number {
    const tokens = this.input;
    if (isEof(t)) return tokens.length;
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.startOffset < t.startOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ===========================================================================================
  // Error reporting and re-synchronisation

  /**
   * Runs `parse`; on a syntax error reports it (once), restores the parser's bookkeeping, lets
   * `resync` skip to a safe point and returns undefined.
   */
  protected attempt<T>(parse: () => T, resync: () => void): T | undefined {
    if (this.RECORDING_PHASE) return parse();
    const start = this.position();
    const braces = this.openBraces.length;
    const loops = this.loopDepth;
    try {
      return parse();
    } catch (e) {
      if (isRecognitionException(e as Error)) this.report(e as IRecognitionException);
      else if (!(e instanceof ReportedError)) throw e;
      this.openBraces.length = braces;
      this.loopDepth = loops;
      if (this.position() === start && !isEof(this.LA(1))) this.SKIP_TOKEN();
      resync();
      return undefined;
    }
  }

  private position(): number {
    const t = this.LA(1);
    return isEof(t) ? Infinity : t.startOffset;
  }

  /** Skips to the next top-level item. */
  protected resyncTopLevel(): void {
    while (!isEof(this.LA(1)) && !this.atTopLevelStart()) this.SKIP_TOKEN();
  }

  /**
   * Skips the rest of a broken statement: through the next `;`, or a balanced `{ … }` (with a
   * following `else` part), stopping before a `}` that closes the enclosing block.
   */
  protected resyncStatement(inSwitch: boolean): void {
    let depth = 0;
    for (;;) {
      const t = this.LA(1);
      if (isEof(t)) return;
      if (depth === 0 && this.atBlockEnd(inSwitch)) return;
      this.SKIP_TOKEN();
      if (t.tokenType === Semicolon && depth === 0) return;
      if (t.tokenType === LBrace) depth++;
      else if (t.tokenType === RBrace && --depth === 0) {
        if (this.LA(1).tokenType !== Else) return;
      }
    }
  }

  /** Skips to the `)` that closes a condition (consumed), or stops before a body / statement end. */
  protected resyncParenthesis(): void {
    let depth = 0;
    for (;;) {
      const t = this.LA(1);
      if (isEof(t) || this.atBlockEnd(false)) return;
      if (depth === 0 && (t.tokenType === LBrace || t.tokenType === Semicolon)) return;
      this.SKIP_TOKEN();
      if (t.tokenType === LParen) depth++;
      else if (t.tokenType === RParen && depth-- === 0) return;
    }
  }

  /** Skips to the next `case` / `default` of a switch, or its closing `}`. */
  protected resyncClause(): void {
    let depth = 0;
    for (;;) {
      const t = this.LA(1);
      if (isEof(t)) return;
      if (depth === 0 && (t.tokenType === Case || t.tokenType === Default || this.atBlockEnd(false))) return;
      this.SKIP_TOKEN();
      if (t.tokenType === LBrace) depth++;
      else if (t.tokenType === RBrace) depth--;
    }
  }

  private report(e: IRecognitionException): void {
    const stack = e.context?.ruleStack ?? [];
    let context: ErrorContext = "statement";
    for (let i = stack.length - 1; i >= 0; i--) {
      const mapped = RULE_CONTEXTS[stack[i]!];
      if (mapped) {
        context = mapped;
        break;
      }
    }
    const expected = e.name === "MismatchedTokenException" ? messages.lastExpected : undefined;
    this.blameSyntax(e.token, context, expected);
  }

  /** Reports a syntax error at `t`, worded from its surroundings. */
  protected blameSyntax(t: IToken, context: ErrorContext, expected?: TokenType): void {
    const brace = this.openBraces[this.openBraces.length - 1];
    const report = describeSyntaxError({
      token: t,
      previous: this.tokenAfter(t, -1),
      next: this.tokenAfter(t, 1),
      expected,
      context,
      unclosedBrace: brace && this.describePosition(brace),
      text: this.b.text,
    });
    this.blame(report.at ?? t, report.code, report.message);
  }

  private describePosition(t: IToken): string {
    const span = this.b.tokenSpan(t);
    const here = this.b.tokenSpan(this.LA(1));
    return span.file === here.file ? `line ${span.line}` : `line ${span.line} of ${span.file}`;
  }

  protected blame(t: IToken, code: string, message: string): void {
    const key = isEof(t) ? -1 : t.startOffset;
    if (this.blamed.has(key)) return;
    this.blamed.add(key);
    this.b.error(code, message, this.b.tokenSpan(t));
  }

  // ===========================================================================================
  // Leaves built from one token

  protected stringOf(t: IToken): StringLit {
    return this.ACTION(() => this.b.string([t]));
  }

  protected pvOf(t: IToken): PseudoVar {
    return this.ACTION(() => this.b.pv(t));
  }

  protected nullOf(t: IToken): NullLit {
    return this.ACTION(() => this.b.nullLit(t));
  }
}
