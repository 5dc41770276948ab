/**
 * The OpenSIPS script grammar (spec §3–§7, plus the 2.x forms of §14) as a Chevrotain
 * EmbeddedActionsParser that builds the AST directly. Broken constructs are reported (see
 * parser-base.ts for the recovery) and left out of the AST: rules return `undefined` for them.
 */
import { tokenMatcher, type IOrAlt, type IToken } from "chevrotain";
import type {
  Argument,
  Assign as AssignNode,
  AssignOp as AssignOperator,
  Block,
  Call,
  CompareOp as CompareOperator,
  Expr,
  If as IfNode,
  LegacyKeyword,
  LoadModule as LoadModuleNode,
  ModParam as ModParamNode,
  NullLit,
  NumberLit,
  PseudoVar,
  Return as ReturnNode,
  RouteBlock,
  RouteCall,
  RouteKind,
  RouteTarget,
  Span,
  Statement,
  StringLit,
  SwitchCase,
  TopItem,
  While as WhileNode,
} from "./ast.ts";
import type { AstBuilder } from "./ast-builder.ts";
import { buildGlobalParam } from "./global-params.ts";
import {
  AndAnd,
  AnyToken,
  ArithOp,
  Assert,
  Assign,
  AssignOp,
  Async,
  BitOp,
  Bang,
  Break,
  Case,
  ClauseKeyword,
  Colon,
  ColonEq,
  Comma,
  CompareOp,
  Default,
  Else,
  ErrorKw,
  Exit,
  For,
  Identifier,
  If,
  In,
  IpLiteral,
  LBrace,
  LBrack,
  Launch,
  LoadModule,
  Log,
  LogicalOp,
  LParen,
  NotStatementStart,
  NotTopLevelStart,
  ModParam,
  Null,
  NumberLike,
  ParamName,
  PseudoVariable,
  RBrace,
  RBrack,
  ReservedWord,
  Return,
  Route,
  RouteKeyword,
  RParen,
  Semicolon,
  Sign,
  StopKeyword,
  StringLiteral,
  Switch,
  Sync,
  Tilde,
  While,
  WordStart,
  Xdbg,
  Xlog,
} from "./lexer.ts";
import { describeToken } from "./parse-errors.ts";
import { ParserBase, ReportedError, ROUTE_KINDS } from "./parser-base.ts";
import { LEGACY_CONDITION_WORDS, LEGACY_NO_PARENS_FUNCTIONS } from "./reserved-words.ts";
import { SYNTAX_CODES } from "./syntax-codes.ts";

const MAX_FUNCTION_ARGS = 8;
const FOR_ITERATORS = new Set(["var", "avp", "json"]);
const MAX_ROUTE_ARGS = 9;

/** Route kinds whose header is `[NAME]` required / optional / absent. */
const NAMED_ROUTES = new Set<RouteKind>(["failure", "branch", "timer", "event"]);
const OPTIONALLY_NAMED_ROUTES = new Set<RouteKind>(["request", "onreply"]);

export class ScriptParser extends ParserBase {
  /**
   * `validateGrammar`: run Chevrotain's grammar checks (ambiguities, left recursion). They cost
   * about 150 ms of every cold start and find nothing in a grammar that passed them once, so the
   * test suite runs them and the shipped parser skips them.
   */
  constructor(options: { validateGrammar?: boolean } = {}) {
    super(options.validateGrammar === true);
    this.performSelfAnalysis();
  }

  /** Parses a token vector into top-level items; diagnostics go to the builder. */
  parseScript(tokens: IToken[], builder: AstBuilder): TopItem[] {
    this.start(tokens, builder);
    const items = this.script();
    this.input = [];
    return items;
  }

  // ===========================================================================================
  // Top level

  private readonly script = this.RULE("script", (): TopItem[] => {
    const items: TopItem[] = [];
    this.MANY(() => {
      const item = this.attempt(() => this.SUBRULE(this.topItem), () => this.resyncTopLevel());
      this.ACTION(() => item && items.push(item));
    });
    return items;
  });

  // Alternatives are built once and reused (Chevrotain's advice): they only read the parser state,
  // never locals of the rule invocation, so one array serves every call.
  private readonly topItemAlts: IOrAlt<TopItem | undefined>[] = [
    { ALT: () => this.SUBRULE(this.loadModule) },
    { ALT: () => this.SUBRULE(this.modParam) },
    { ALT: () => this.SUBRULE(this.routeBlock) },
    { GATE: () => this.atGlobalParam(), ALT: () => this.SUBRULE(this.globalParam) },
    { ALT: () => this.SUBRULE(this.strayTopLevel), IGNORE_AMBIGUITIES: true },
  ];

  private readonly topItem = this.RULE("topItem", (): TopItem | undefined => this.OR(this.topItemAlts));

  private readonly loadModule = this.RULE("loadModule", (): LoadModuleNode => {
    const kw = this.CONSUME(LoadModule);
    const path = this.CONSUME(StringLiteral);
    return this.ACTION(() => {
      const value = this.b.string([path]);
      const base = value.value.split("/").pop() ?? value.value;
      return { kind: "LoadModule", path: value, module: base.replace(/\.so$/, ""), span: this.b.span(kw, path) };
    });
  });

  private readonly modValueAlts: IOrAlt<StringLit | NumberLit>[] = [
    { ALT: () => this.SUBRULE(this.strings) },
    { ALT: () => this.SUBRULE(this.snumber) },
  ];

  private readonly modParam = this.RULE("modParam", (): ModParamNode => {
    const kw = this.CONSUME(ModParam);
    this.CONSUME(LParen);
    const module = this.CONSUME1(StringLiteral);
    this.CONSUME1(Comma);
    const param = this.CONSUME2(StringLiteral);
    this.CONSUME2(Comma);
    const value = this.OR(this.modValueAlts);
    const close = this.CONSUME(RParen);
    return this.ACTION(() => ({
      kind: "ModParam",
      module: this.b.string([module]),
      param: this.b.string([param]),
      value,
      span: this.b.span(kw, close),
    }));
  });

  /** Consumes tokens up to the next top-level item. */
  private readonly untilTopLevel = { GATE: () => !this.atTopLevelStart(), DEF: () => this.CONSUME(AnyToken) };

  private readonly globalParam = this.RULE("globalParam", (): TopItem | undefined => {
    const name = this.CONSUME(ParamName);
    const assign = this.CONSUME(Assign);
    this.MANY(this.untilTopLevel);
    return this.ACTION(() => buildGlobalParam(this.b, name, assign, this.tokensAfter(assign)) ?? undefined);
  });

  /** Anything else at top level: one diagnostic, then skip to the next top-level item. */
  private readonly strayTopLevel = this.RULE("strayTopLevel", (): undefined => {
    const t = this.CONSUME(NotTopLevelStart);
    this.ACTION(() => {
      const word = t.image;
      if (word === "include_file" || word === "import_file") {
        this.blame(t, SYNTAX_CODES.includeNotFirst, `\`${word}\` must be the first word of its line`);
      } else this.blameSyntax(t, "top");
    });
    this.MANY1(this.untilTopLevel);
    return undefined;
  });

  /** `timer_route[name, seconds]`, 2.x `event_route[name, async|sync]`. */
  private readonly headerExtraAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(NumberLike) },
    { ALT: () => this.CONSUME(Async) },
    { ALT: () => this.CONSUME(Sync) },
  ];

  private readonly routeBlock = this.RULE("routeBlock", (): RouteBlock | undefined => {
    const kw = this.CONSUME(RouteKeyword);
    const header = this.OPTION(() => {
      const open = this.CONSUME(LBrack);
      const name = this.SUBRULE(this.routeName);
      const extra = this.OPTION1(() => {
        this.CONSUME(Comma);
        return this.OR(this.headerExtraAlts);
      });
      this.CONSUME(RBrack);
      return { open, name, extra };
    });
    const saved = this.loopDepth;
    this.ACTION(() => (this.loopDepth = 0));
    const body = this.SUBRULE(this.routeBody);
    this.ACTION(() => (this.loopDepth = saved));
    return this.ACTION(() => this.buildRouteBlock(kw, header, body));
  });

  private buildRouteBlock(
    kw: IToken,
    header: { open: IToken; name: { name: string; token: IToken }; extra: IToken | undefined } | undefined,
    body: Block | undefined,
  ): RouteBlock | undefined {
    const kind = ROUTE_KINDS.get(kw.tokenType)!;
    if (!header && NAMED_ROUTES.has(kind)) {
      this.b.error(SYNTAX_CODES.syntaxError, `\`${kw.image}\` needs a name: \`${kw.image}[name]\``, this.b.tokenSpan(kw));
      return undefined;
    }
    if (header && !NAMED_ROUTES.has(kind) && !OPTIONALLY_NAMED_ROUTES.has(kind)) {
      this.b.error(SYNTAX_CODES.syntaxError, `\`${kw.image}\` takes no name`, this.b.tokenSpan(header.open));
      return undefined;
    }
    const extra = header?.extra;
    const numericExtra = extra !== undefined && tokenMatcher(extra, NumberLike);
    const extraAllowed = kind === "timer" ? numericExtra : kind === "event" ? !numericExtra : !extra;
    if (!extraAllowed) {
      const message = kind === "timer" ? "`timer_route` needs an interval: `timer_route[name, seconds]`" : `unexpected ${describeToken(extra)} in the \`${kw.image}\` header`;
      this.b.error(SYNTAX_CODES.syntaxError, message, this.b.tokenSpan(extra ?? header!.open));
      return undefined;
    }
    if (!body) return undefined;
    const name = header?.name.name ?? null;
    const node: RouteBlock = {
      kind: "RouteBlock",
      routeKind: kind,
      name: kind === "request" && name === "0" ? null : name,
      nameSpan: header ? this.b.tokenSpan(header.name.token) : null,
      body,
      span: this.b.span(kw, this.LA(0)),
    };
    if (node.name === null) node.nameSpan = null;
    if (kind === "timer") node.interval = this.b.number(extra!).value;
    if (kind === "event" && extra) node.eventMode = extra.tokenType === Async ? "async" : "sync";
    return node;
  }

  /** A static route name: ID, NUMBER or STRING (a reserved word is an error). */
  private readonly routeNameAlts: IOrAlt<{ name: string; token: IToken }>[] = [
    { ALT: () => this.nameOf(this.CONSUME(Identifier)) },
    { ALT: () => this.nameOf(this.CONSUME(NumberLike)) },
    { ALT: () => this.nameOf(this.CONSUME(StringLiteral)) },
    { ALT: () => this.reservedName(this.CONSUME(ReservedWord)) },
  ];

  private readonly routeName = this.RULE("routeName", (): { name: string; token: IToken } => this.OR(this.routeNameAlts));

  private nameOf(t: IToken): { name: string; token: IToken } {
    return this.ACTION(() => {
      if (tokenMatcher(t, NumberLike)) return { name: String(this.b.number(t).value), token: t };
      if (tokenMatcher(t, StringLiteral)) return { name: this.b.string([t]).value, token: t };
      return { name: t.image, token: t };
    });
  }

  private reservedName(t: IToken): never {
    return this.ACTION(() => {
      this.blame(t, SYNTAX_CODES.reservedWord, `\`${t.image}\` is a reserved word and cannot be a bare name: quote it, \`"${t.image}"\``);
      throw new ReportedError();
    });
  }

  /** A route body: `{ action … }` with at least one action. */
  private readonly routeBody = this.RULE("routeBody", (): Block | undefined => {
    const errorsBefore = this.ACTION(() => this.b.diagnostics.length);
    const block = this.SUBRULE(this.bracedBlock);
    return this.ACTION(() => {
      if (block.statements.length === 0 && this.b.diagnostics.length === errorsBefore) {
        this.blame(this.LA(0), SYNTAX_CODES.emptyRouteBody, "a route body needs at least one statement (write `;` for an empty one)");
        return undefined;
      }
      return block;
    });
  });

  // ===========================================================================================
  // Statements

  /** The list being filled and whether it is a switch clause, for the innermost statementList. */
  private list: { statements: Statement[]; inSwitch: boolean } = { statements: [], inSwitch: false };

  private readonly statementLoop = {
    GATE: () => !this.atBlockEnd(this.list.inSwitch),
    DEF: () => {
      const s = this.attempt(
        () => this.SUBRULE(this.statement),
        () => this.resyncStatement(this.list.inSwitch),
      );
      this.ACTION(() => s && this.list.statements.push(s));
    },
  };

  private readonly statementList = this.RULE("statementList", (inSwitch: boolean): Statement[] => {
    const outer = this.list;
    this.list = { statements: [], inSwitch };
    this.MANY(this.statementLoop);
    const statements = this.list.statements;
    this.list = outer;
    return statements;
  });

  private readonly statementAlts: IOrAlt<Statement | undefined>[] = [
    { ALT: () => this.SUBRULE(this.ifStatement) },
    { ALT: () => this.SUBRULE(this.switchStatement) },
    { ALT: () => this.SUBRULE(this.whileStatement) },
    { ALT: () => this.SUBRULE(this.forStatement) },
    { ALT: () => this.emptyStatement(this.CONSUME(Semicolon)) },
    {
      ALT: () => {
        const s = this.SUBRULE(this.simpleStatement);
        this.CONSUME1(Semicolon);
        return s;
      },
    },
    { ALT: () => this.SUBRULE(this.bareBlock) },
    { ALT: () => this.SUBRULE(this.elseWithoutIf) },
    { GATE: () => !this.atBlockEnd(false), ALT: () => this.SUBRULE(this.strayStatement) },
  ];

  private readonly statement = this.RULE("statement", (): Statement | undefined => this.OR(this.statementAlts));

  private emptyStatement(t: IToken): Statement {
    return this.ACTION(() => ({ kind: "Empty", span: this.b.tokenSpan(t) }));
  }

  private readonly strayStatement = this.RULE("strayStatement", (): undefined => {
    const t = this.CONSUME(NotStatementStart);
    this.ACTION(() => {
      this.blameSyntax(t, "statement");
      throw new ReportedError();
    });
    return undefined;
  });

  /** `{ … }` used as a statement: not allowed, but its contents are still checked. */
  private readonly bareBlock = this.RULE("bareBlock", (): undefined => {
    this.ACTION(() => {
      const message = "a braced block is not a statement: braces only delimit route, if/else, loop and switch bodies";
      this.blame(this.LA(1), SYNTAX_CODES.bareBlock, message);
    });
    this.SUBRULE(this.bracedBlock);
    return undefined;
  });

  private readonly elseWithoutIf = this.RULE("elseWithoutIf", (): undefined => {
    const kw = this.CONSUME(Else);
    this.ACTION(() => this.blame(kw, SYNTAX_CODES.elseWithoutIf, "`else` without a matching `if` (is there a `;` between the `if` body and `else`?)"));
    this.SUBRULE(this.body);
    return undefined;
  });

  private readonly simpleStatementAlts: IOrAlt<Statement | undefined>[] = [
    { ALT: () => this.SUBRULE(this.assignment) },
    { ALT: () => this.SUBRULE(this.callStatement) },
    { ALT: () => this.SUBRULE(this.keywordStatement) },
  ];

  private readonly simpleStatement = this.RULE("simpleStatement", (): Statement | undefined => this.OR(this.simpleStatementAlts));

  private readonly assignment = this.RULE("assignment", (): Statement | undefined => {
    const target = this.CONSUME(PseudoVariable);
    return this.SUBRULE(this.assignTail, { ARGS: [target] });
  });

  /** `null` only as the whole right side of `=` / `:=`. */
  private readonly assignedValueAlts: IOrAlt<Expr | undefined>[] = [
    { GATE: () => this.LA(0).tokenType === Assign || this.LA(0).tokenType === ColonEq, ALT: () => this.nullOf(this.CONSUME(Null)) },
    { ALT: () => this.SUBRULE(this.valueExpr) },
  ];

  private readonly assignTail = this.RULE("assignTail", (target: IToken): AssignNode | undefined => {
    const op = this.CONSUME(AssignOp);
    const value = this.OR(this.assignedValueAlts);
    return this.ACTION(() => {
      if (!value) return undefined;
      return { kind: "Assign", target: this.b.pv(target), op: op.image as AssignOperator, value, span: this.b.span(target, this.LA(0)) };
    });
  });

  /** `f(args)`, or a 2.x core function written without parentheses. */
  /** After a function name (the previous token): `( args )`, or nothing for a 2.x no-parentheses call. */
  private readonly callTailAlts: IOrAlt<Call>[] = [
    { ALT: () => this.SUBRULE(this.callArguments, { ARGS: [this.LA(0)] }) },
    { ALT: () => this.noParensCall(this.LA(0)) },
  ];

  private readonly callStatement = this.RULE("callStatement", (): Statement | undefined => {
    this.CONSUME(Identifier);
    const call = this.OR(this.callTailAlts);
    return this.ACTION(() => call && { kind: "CallStatement", call, span: call.span });
  });

  private noParensCall(name: IToken): Call {
    return this.ACTION(() => {
      const next = this.LA(1);
      if (LEGACY_NO_PARENS_FUNCTIONS.has(name.image) && next.tokenType === Semicolon) {
        return { kind: "Call", name: name.image, nameSpan: this.b.tokenSpan(name), args: [], noParens: true, span: this.b.tokenSpan(name) };
      }
      if (name.image === "include_file" || name.image === "import_file") {
        this.blame(name, SYNTAX_CODES.includeNotFirst, `\`${name.image}\` must be the first word of its line`);
      } else if (tokenMatcher(next, AssignOp)) {
        this.blame(name, SYNTAX_CODES.assignmentTarget, `cannot assign to \`${name.image}\`: the left side of an assignment must be a pseudo-variable (\`$var(${name.image})\`)`);
      } else {
        this.blame(name, SYNTAX_CODES.bareWord, `bare word \`${name.image}\` found: command calls need \`()\`, e.g. \`${name.image}();\``);
      }
      throw new ReportedError();
    });
  }

  /** `( args )` after a function name. */
  private readonly callArguments = this.RULE("callArguments", (name: IToken): Call => {
    this.CONSUME(LParen);
    const args = this.SUBRULE(this.args);
    const close = this.CONSUME(RParen);
    return this.ACTION(() => ({ kind: "Call", name: name.image, nameSpan: this.b.tokenSpan(name), args, span: this.b.span(name, close) }));
  });

  /** A function call `ID(args)` (used by async/launch and in values). */
  private readonly call = this.RULE("call", (): Call => {
    const name = this.CONSUME(Identifier);
    return this.SUBRULE(this.callArguments, { ARGS: [name] });
  });

  /** Comma-separated arguments; any slot may be empty. At most 8. */
  private readonly args = this.RULE("args", (): (Argument | null)[] => {
    const args: (Argument | null)[] = [];
    const first = this.OPTION(() => this.SUBRULE(this.argument));
    this.ACTION(() => args.push(first ?? null));
    this.MANY(() => {
      const comma = this.CONSUME(Comma);
      const arg = this.OPTION1(() => this.SUBRULE1(this.argument));
      this.ACTION(() => {
        args.push(arg ?? null);
        if (args.length === MAX_FUNCTION_ARGS + 1) {
          const ninth = this.tokenAfter(comma, 1) ?? comma;
          this.blame(ninth, SYNTAX_CODES.tooManyArguments, `too many arguments: a function takes at most ${MAX_FUNCTION_ARGS}`);
        }
      });
    });
    return this.ACTION(() => (args.length === 1 && args[0] === null ? [] : args));
  });

  private readonly argumentAlts: IOrAlt<Argument>[] = [
    { ALT: () => this.stringOf(this.CONSUME(StringLiteral)) },
    { ALT: () => this.SUBRULE(this.snumber) },
    { ALT: () => this.pvOf(this.CONSUME(PseudoVariable)) },
    { ALT: () => this.SUBRULE(this.wordArg) },
    {
      ALT: () => {
        const t = this.CONSUME(Null);
        return this.ACTION(() => {
          this.blame(t, SYNTAX_CODES.nullArgument, "`null` cannot be a function argument: leave the slot empty, e.g. `f(a, , b)`");
          throw new ReportedError();
        });
      },
    },
  ];

  private readonly argument = this.RULE("argument", (): Argument => this.OR(this.argumentAlts));

  /** A 2.x bare-word argument: `NAT`, `udp:10.0.0.1:5060` (adjacent tokens, no blanks). */
  private readonly wordArg = this.RULE("wordArg", (): Argument => {
    const first = this.CONSUME(WordStart);
    this.MANY({ GATE: () => this.continuesWord(), DEF: () => this.CONSUME(AnyToken) });
    return this.ACTION(() => this.b.word(first, this.LA(0)));
  });

  private readonly keywordStatementAlts: IOrAlt<Statement | undefined>[] = [
    { ALT: () => this.SUBRULE(this.exitOrDrop) },
    { ALT: () => this.SUBRULE(this.returnStatement) },
    { ALT: () => this.SUBRULE(this.breakStatement) },
    { ALT: () => this.callStatementOf(this.SUBRULE(this.routeCall)) },
    { ALT: () => this.callStatementOf(this.SUBRULE(this.xlogStatement)) },
    { ALT: () => this.callStatementOf(this.SUBRULE(this.xdbgStatement)) },
    { ALT: () => this.callStatementOf(this.SUBRULE(this.logStatement)) },
    { ALT: () => this.callStatementOf(this.SUBRULE(this.errorStatement)) },
    { ALT: () => this.SUBRULE(this.assertStatement) },
    { ALT: () => this.SUBRULE(this.asyncStatement) },
    { ALT: () => this.SUBRULE(this.launchStatement) },
  ];

  private readonly keywordStatement = this.RULE("keywordStatement", (): Statement | undefined => this.OR(this.keywordStatementAlts));

  private callStatementOf(node: Call | RouteCall | undefined): Statement | undefined {
    return this.ACTION(() => {
      if (!node) return undefined;
      return node.kind === "RouteCall" ? node : { kind: "CallStatement", call: node, span: node.span };
    });
  }

  private readonly exitOrDrop = this.RULE("exitOrDrop", (): Statement => {
    const kw = this.CONSUME(StopKeyword);
    this.OPTION(() => {
      this.CONSUME(LParen);
      this.CONSUME(RParen);
    });
    return this.ACTION((): Statement => {
      const span = this.b.span(kw, this.LA(0));
      return kw.tokenType === Exit ? { kind: "Exit", span } : { kind: "Drop", span };
    });
  });

  private readonly breakStatement = this.RULE("breakStatement", (): Statement => {
    const kw = this.CONSUME(Break);
    return this.ACTION(() => {
      if (this.loopDepth === 0) {
        this.blame(kw, SYNTAX_CODES.breakOutsideLoop, "`break` is only allowed inside `switch`, `while` or `for`");
      }
      return { kind: "Break", span: this.b.tokenSpan(kw) };
    });
  });

  private readonly returnArgumentAlts: IOrAlt<Pick<ReturnNode, "code" | "values">>[] = [
    {
      ALT: () => {
        this.CONSUME(LParen);
        const inner = this.SUBRULE(this.returnList);
        this.CONSUME(RParen);
        return inner;
      },
    },
    { ALT: () => ({ code: this.SUBRULE(this.snumber), values: [] }) },
    { ALT: () => ({ code: this.pvOf(this.CONSUME(PseudoVariable)), values: [] }) },
  ];

  /** `return`, `return N`, `return $pv`, `return(…)` with 3.6 extra values `return(code, v1, …)`. */
  private readonly returnStatement = this.RULE("returnStatement", (): ReturnNode => {
    const kw = this.CONSUME(Return);
    const parts = this.OPTION(() => this.OR(this.returnArgumentAlts));
    return this.ACTION(() => ({
      kind: "Return",
      code: parts?.code ?? null,
      values: parts?.values ?? [],
      span: this.b.span(kw, this.LA(0)),
    }));
  });

  private readonly returnCodeAlts: IOrAlt<NumberLit | PseudoVar>[] = [
    { ALT: () => this.SUBRULE(this.snumber) },
    { ALT: () => this.pvOf(this.CONSUME(PseudoVariable)) },
  ];

  private readonly returnList = this.RULE("returnList", (): Pick<ReturnNode, "code" | "values"> => {
    const code = this.OPTION(() => this.OR(this.returnCodeAlts));
    const values: ReturnNode["values"] = [];
    this.MANY(() => {
      this.CONSUME(Comma);
      const v = this.SUBRULE(this.passedValue);
      this.ACTION(() => values.push(v));
    });
    return { code: code ?? null, values };
  });

  /** A value passed by `route()` or `return()`: string, number, `null` or one PV. */
  private readonly passedValueAlts: IOrAlt<StringLit | NumberLit | PseudoVar | NullLit>[] = [
    { ALT: () => this.stringOf(this.CONSUME(StringLiteral)) },
    { ALT: () => this.SUBRULE(this.snumber) },
    { ALT: () => this.nullOf(this.CONSUME(Null)) },
    { ALT: () => this.pvOf(this.CONSUME(PseudoVariable)) },
  ];

  private readonly passedValue = this.RULE("passedValue", (): StringLit | NumberLit | PseudoVar | NullLit => this.OR(this.passedValueAlts));

  /** `route(NAME [, arg…])`: at most 9 arguments, none empty. */
  private readonly routeCall = this.RULE("routeCall", (): RouteCall | undefined => {
    const kw = this.CONSUME(Route);
    this.CONSUME(LParen);
    const target = this.SUBRULE(this.routeTarget);
    const args: RouteCall["args"] = [];
    let broken = false;
    this.MANY(() => {
      const comma = this.CONSUME(Comma);
      const arg = this.OPTION(() => this.SUBRULE(this.passedValue));
      this.ACTION(() => {
        if (!arg) {
          broken = true;
          this.blame(this.LA(1), SYNTAX_CODES.emptyRouteArgument, "`route()` arguments cannot be empty: pass `null` for a missing value");
        } else args.push(arg);
        if (args.length === MAX_ROUTE_ARGS + 1) {
          broken = true;
          const tenth = this.tokenAfter(comma, 1) ?? comma;
          this.blame(tenth, SYNTAX_CODES.tooManyArguments, `too many arguments: \`route()\` passes at most ${MAX_ROUTE_ARGS}`);
        }
      });
    });
    const close = this.CONSUME(RParen);
    return this.ACTION(() => (broken ? undefined : { kind: "RouteCall", target, args, span: this.b.span(kw, close) }));
  });

  private readonly routeTargetAlts: IOrAlt<RouteTarget>[] = [
      {
        ALT: () => {
          const t = this.CONSUME(StringLiteral);
          return this.ACTION((): RouteTarget => {
            const s = this.b.string([t]);
            return s.format ? { kind: "format", format: s.format, span: s.span } : { kind: "static", name: s.value, span: s.span };
          });
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(PseudoVariable);
          return this.ACTION((): RouteTarget => {
            const pv = this.b.pv(t);
            return { kind: "pv", pv, span: pv.span };
          });
        },
      },
      {
        ALT: () => {
          const name = this.SUBRULE(this.routeName);
          return this.ACTION((): RouteTarget => ({ kind: "static", name: name.name, span: this.b.tokenSpan(name.token) }));
        },
        IGNORE_AMBIGUITIES: true,
      },
  ];

  private readonly routeTarget = this.RULE("routeTarget", (): RouteTarget => this.OR(this.routeTargetAlts));

  /** `xlog(fmt…)` / `xlog(level, fmt…)`: adjacent strings are folded into one. */
  private readonly xlogStatement = this.RULE("xlogStatement", (): Call => {
    const kw = this.CONSUME(Xlog);
    this.CONSUME(LParen);
    const first = this.SUBRULE(this.strings);
    const second = this.OPTION(() => {
      this.CONSUME(Comma);
      return this.SUBRULE1(this.strings);
    });
    const close = this.CONSUME(RParen);
    return this.ACTION(() => this.coreCall(kw, close, second ? [first, second] : [first]));
  });

  private readonly xdbgStatement = this.RULE("xdbgStatement", (): Call => {
    const kw = this.CONSUME(Xdbg);
    this.CONSUME(LParen);
    const format = this.SUBRULE(this.strings);
    const close = this.CONSUME(RParen);
    return this.ACTION(() => this.coreCall(kw, close, [format]));
  });

  /** `log([level,] "text")`. */
  private readonly logStatement = this.RULE("logStatement", (): Call => {
    const kw = this.CONSUME(Log);
    this.CONSUME(LParen);
    const level = this.OPTION(() => {
      const n = this.SUBRULE(this.snumber);
      this.CONSUME(Comma);
      return n;
    });
    const text = this.stringOf(this.CONSUME(StringLiteral));
    const close = this.CONSUME(RParen);
    return this.ACTION(() => this.coreCall(kw, close, level ? [level, text] : [text]));
  });

  /** Legacy `error("a", "b")`. */
  private readonly errorStatement = this.RULE("errorStatement", (): Call => {
    const kw = this.CONSUME(ErrorKw);
    this.CONSUME(LParen);
    const a = this.stringOf(this.CONSUME1(StringLiteral));
    this.CONSUME(Comma);
    const b = this.stringOf(this.CONSUME2(StringLiteral));
    const close = this.CONSUME(RParen);
    return this.ACTION(() => this.coreCall(kw, close, [a, b]));
  });

  private coreCall(kw: IToken, close: IToken, args: Argument[]): Call {
    return { kind: "Call", name: kw.image, nameSpan: this.b.tokenSpan(kw), args, span: this.b.span(kw, close) };
  }

  private readonly assertStatement = this.RULE("assertStatement", (): Statement | undefined => {
    const kw = this.CONSUME(Assert);
    this.CONSUME(LParen);
    const condition = this.SUBRULE(this.condExpr);
    const message = this.OPTION(() => {
      this.CONSUME(Comma);
      return this.stringOf(this.CONSUME(StringLiteral));
    });
    const close = this.CONSUME(RParen);
    return this.ACTION(() => condition && { kind: "Assert", condition, message: message ?? null, span: this.b.span(kw, close) });
  });

  /** `async(f(…), resume [, timeout])`. */
  private readonly asyncStatement = this.RULE("asyncStatement", (): Statement => {
    const kw = this.CONSUME(Async);
    this.CONSUME(LParen);
    const call = this.SUBRULE(this.call);
    this.CONSUME(Comma);
    const resume = this.SUBRULE(this.routeName);
    const timeout = this.OPTION(() => {
      this.CONSUME1(Comma);
      return this.CONSUME(NumberLike);
    });
    const close = this.CONSUME(RParen);
    return this.ACTION(() => ({
      kind: "Async",
      call,
      resume: resume.name,
      resumeSpan: this.b.tokenSpan(resume.token),
      timeout: timeout ? this.b.number(timeout) : null,
      span: this.b.span(kw, close),
    }));
  });

  /** `launch(f(…) [, report [, "param"]])`. */
  private readonly launchStatement = this.RULE("launchStatement", (): Statement => {
    const kw = this.CONSUME(Launch);
    this.CONSUME(LParen);
    const call = this.SUBRULE(this.call);
    const report = this.OPTION(() => {
      this.CONSUME(Comma);
      const name = this.SUBRULE(this.routeName);
      const param = this.OPTION1(() => {
        this.CONSUME1(Comma);
        return this.stringOf(this.CONSUME(StringLiteral));
      });
      return { name, param };
    });
    const close = this.CONSUME(RParen);
    return this.ACTION(() => ({
      kind: "Launch",
      call,
      report: report?.name.name ?? null,
      reportSpan: report ? this.b.tokenSpan(report.name.token) : null,
      param: report?.param ? this.b.format(report.param) : null,
      span: this.b.span(kw, close),
    }));
  });

  private readonly ifStatement = this.RULE("ifStatement", (): IfNode | undefined => {
    const kw = this.CONSUME(If);
    const condition = this.SUBRULE(this.parenthesizedCondition);
    const then = this.SUBRULE(this.body);
    const otherwise = this.OPTION(() => {
      this.CONSUME(Else);
      return { block: this.SUBRULE1(this.body) };
    });
    return this.ACTION(() => {
      if (!condition || !then || (otherwise && !otherwise.block)) return undefined;
      return { kind: "If", condition, then, else: otherwise?.block ?? null, span: this.b.span(kw, this.LA(0)) } satisfies IfNode;
    });
  });

  /** `( cond )`; a broken condition is reported and skipped, and the body is still parsed. */
  private readonly parenthesizedCondition = this.RULE("parenthesizedCondition", (): Expr | undefined => {
    this.CONSUME(LParen);
    return this.attempt(
      () => {
        const condition = this.SUBRULE(this.condExpr);
        this.CONSUME(RParen);
        return condition;
      },
      () => this.resyncParenthesis(),
    );
  });

  /**
   * `while (cond) stm`. The parenthesised condition is just a condition that is a `( … )` atom,
   * which also covers the 2.x form without parentheses (`while $var(i) < 3 …`).
   */
  private readonly whileStatement = this.RULE("whileStatement", (): Statement | undefined => {
    const kw = this.CONSUME(While);
    const condition = this.attempt(() => this.SUBRULE(this.condExpr), () => this.resyncParenthesis());
    this.ACTION(() => this.loopDepth++);
    const body = this.SUBRULE(this.body);
    this.ACTION(() => this.loopDepth--);
    return this.ACTION(() => {
      if (!condition || !body) return undefined;
      const parenthesized = condition.kind === "Paren";
      const node: WhileNode = { kind: "While", condition: parenthesized ? condition.expr : condition, body, span: this.b.span(kw, this.LA(0)) };
      if (!parenthesized) node.noParens = true;
      return node;
    });
  });

  private readonly forStatement = this.RULE("forStatement", (): Statement | undefined => {
    const kw = this.CONSUME(For);
    this.CONSUME(LParen);
    const iterator = this.pvOf(this.CONSUME1(PseudoVariable));
    this.ACTION(() => {
      if (!FOR_ITERATORS.has(iterator.name)) {
        this.blame(this.LA(0), SYNTAX_CODES.syntaxError, "the `for` iterator must be a `$var(…)`, `$avp(…)` or `$json(…)` variable");
      }
    });
    this.CONSUME(In);
    const collection = this.pvOf(this.CONSUME2(PseudoVariable));
    this.CONSUME(RParen);
    this.ACTION(() => this.loopDepth++);
    const body = this.SUBRULE(this.body);
    this.ACTION(() => this.loopDepth--);
    return this.ACTION(() => body && { kind: "ForEach", iterator, collection, body, span: this.b.span(kw, this.LA(0)) });
  });

  private readonly switchStatement = this.RULE("switchStatement", (): Statement | undefined => {
    const kw = this.CONSUME(Switch);
    this.CONSUME(LParen);
    const subject = this.pvOf(this.CONSUME(PseudoVariable));
    this.CONSUME(RParen);
    const open = this.CONSUME(LBrace);
    const clauses: { keyword: IToken; clause: SwitchCase | undefined }[] = [];
    this.ACTION(() => {
      this.openBraces.push(open);
      this.loopDepth++;
    });
    this.MANY({
      GATE: () => !this.atBlockEnd(false),
      DEF: () => {
        const keyword = this.LA(1);
        const clause = this.attempt(() => this.SUBRULE(this.switchClause), () => this.resyncClause());
        this.ACTION(() => clauses.push({ keyword, clause }));
      },
    });
    const close = this.CONSUME(RBrace);
    return this.ACTION(() => {
      this.openBraces.pop();
      this.loopDepth--;
      if (!clauses.some((c) => c.keyword.tokenType === Case)) {
        this.blame(clauses[0]?.keyword ?? close, SYNTAX_CODES.switchWithoutCase, "a `switch` needs at least one `case`");
        return undefined;
      }
      const defaultAt = clauses.findIndex((c) => c.keyword.tokenType === Default);
      if (defaultAt !== -1 && defaultAt < clauses.length - 1) {
        this.blame(clauses[defaultAt + 1]!.keyword, SYNTAX_CODES.defaultNotLast, "`default` must be the last clause of a switch");
        return undefined;
      }
      if (clauses.some((c) => !c.clause)) return undefined;
      return { kind: "Switch", subject, cases: clauses.map((c) => c.clause!), span: this.b.span(kw, close) };
    });
  });

  private readonly caseLabelAlts: IOrAlt<NumberLit | StringLit>[] = [
    { ALT: () => this.SUBRULE(this.snumber) },
    { ALT: () => this.stringOf(this.CONSUME(StringLiteral)) },
  ];

  private readonly switchClause = this.RULE("switchClause", (): SwitchCase => {
    const keyword = this.CONSUME(ClauseKeyword);
    const label = this.OPTION(() => this.OR(this.caseLabelAlts));
    const colon = this.CONSUME(Colon);
    this.ACTION(() => {
      if (keyword.tokenType === Case && !label) this.blame(colon, SYNTAX_CODES.syntaxError, "`case` needs a label: a number or a string");
      if (keyword.tokenType === Default && label) this.blame(this.tokenAfter(colon, -1) ?? colon, SYNTAX_CODES.syntaxError, "`default` takes no label");
    });
    const statements = this.SUBRULE(this.statementList, { ARGS: [true] });
    return this.ACTION(() => ({
      kind: "SwitchCase",
      label: keyword.tokenType === Case ? (label ?? null) : null,
      statements,
      span: this.b.span(keyword, this.LA(0)),
    }));
  });

  /** `{ action… }` (possibly empty; route bodies check for emptiness themselves). */
  private readonly bracedBlock = this.RULE("bracedBlock", (): Block => {
    const open = this.CONSUME(LBrace);
    this.ACTION(() => this.openBraces.push(open));
    const statements = this.SUBRULE(this.statementList, { ARGS: [false] });
    const close = this.CONSUME(RBrace);
    return this.ACTION((): Block => {
      this.openBraces.pop();
      return { kind: "Block", statements, braced: true, span: this.b.span(open, close) };
    });
  });

  private readonly bodyAlts: IOrAlt<Block | undefined>[] = [
    { ALT: () => this.SUBRULE(this.bracedBlock) },
    {
      ALT: () => {
        const s = this.SUBRULE(this.statement);
        return this.ACTION(() => s && ({ kind: "Block", statements: [s], braced: false, span: s.span } satisfies Block));
      },
      IGNORE_AMBIGUITIES: true,
    },
  ];

  /** The body of if/else/while/for: a braced list (possibly empty) or one statement. */
  private readonly body = this.RULE("body", (): Block | undefined => this.OR(this.bodyAlts));

  // ===========================================================================================
  // Conditions (spec §6.1): `&&`/`||` one level, left-assoc; `!` binds tighter; comparisons are
  // `PV op value` atoms.

  private readonly condExpr = this.RULE("condExpr", (): Expr | undefined => {
    let left = this.SUBRULE(this.condUnary);
    this.MANY(() => {
      const op = this.CONSUME(LogicalOp);
      const right = this.SUBRULE1(this.condUnary);
      this.ACTION(() => {
        left = left && right && { kind: "Logical", op: op.tokenType === AndAnd ? "&&" : "||", left, right, span: join(left.span, right.span) };
      });
    });
    return left;
  });

  private readonly condUnaryAlts: IOrAlt<Expr | undefined>[] = [
    {
      ALT: () => {
        const bang = this.CONSUME(Bang);
        const operand = this.SUBRULE(this.condUnary);
        return this.ACTION(() => operand && { kind: "Not", operand, span: this.b.span(bang, this.LA(0)) });
      },
    },
    { ALT: () => this.SUBRULE(this.condPrimary) },
  ];

  private readonly condUnary = this.RULE("condUnary", (): Expr | undefined => this.OR(this.condUnaryAlts));

  private readonly condPrimaryAlts: IOrAlt<Expr | undefined>[] = [
      {
        ALT: () => {
          const open = this.CONSUME(LParen);
          const expr = this.SUBRULE(this.condExpr);
          const close = this.CONSUME(RParen);
          return this.ACTION(() => expr && { kind: "Paren", expr, span: this.b.span(open, close) });
        },
      },
      {
        ALT: () => {
          const open = this.CONSUME(LBrack);
          const expr = this.SUBRULE(this.valueExpr);
          const close = this.CONSUME(RBrack);
          return this.ACTION(() => expr && { kind: "ValueTest", expr, span: this.b.span(open, close) });
        },
      },
      { ALT: () => this.SUBRULE(this.pvAtom) },
      { ALT: () => this.SUBRULE(this.identifierAtom) },
      { ALT: () => this.SUBRULE(this.snumber) },
      {
        ALT: () => {
          const s = this.SUBRULE(this.ifStatement);
          return this.ACTION(() => s && { kind: "StatementCondition", statement: s, span: s.span });
        },
      },
      {
        ALT: () => {
          const block = this.SUBRULE(this.bracedBlock);
          return this.ACTION((): Expr => ({ kind: "StatementCondition", statement: block, span: block.span }));
        },
      },
      { ALT: () => this.statementAtom(this.SUBRULE(this.keywordStatement)) },
  ];

  private readonly condPrimary = this.RULE("condPrimary", (): Expr | undefined => this.OR(this.condPrimaryAlts));

  /** A statement used as a condition: calls stay calls; others are wrapped in an unbraced block. */
  private statementAtom(s: Statement | undefined): Expr | undefined {
    return this.ACTION(() => {
      if (!s) return undefined;
      if (s.kind === "CallStatement") return s.call;
      if (s.kind === "RouteCall") return s;
      const block: Block = { kind: "Block", statements: [s], braced: false, span: s.span };
      return { kind: "StatementCondition", statement: block, span: s.span };
    });
  }

  /** `PV`, `PV op value`, or an assignment used as a condition. */
  /** After a pseudo-variable (the previous token) in a condition. */
  private readonly pvAtomTailAlts: IOrAlt<Expr | undefined>[] = [
    { ALT: () => this.SUBRULE(this.compareTail, { ARGS: [this.LA(0)] }) },
    { ALT: () => this.SUBRULE(this.assignTail, { ARGS: [this.LA(0)] }) },
    { ALT: () => this.pvOf(this.LA(0)) },
  ];

  private readonly pvAtom = this.RULE("pvAtom", (): Expr | undefined => {
    this.CONSUME(PseudoVariable);
    return this.OR(this.pvAtomTailAlts);
  });

  private readonly compareTail = this.RULE("compareTail", (left: IToken): Expr | undefined => {
    const op = this.CONSUME(CompareOp);
    const right = this.SUBRULE(this.compareRhs);
    return this.ACTION(() => {
      const problem = comparisonProblem(op.image as CompareOperator, right);
      if (problem) this.blame(op, SYNTAX_CODES.comparisonRightSide, problem);
      return {
        kind: "Compare",
        op: op.image as CompareOperator,
        left: left.tokenType === PseudoVariable ? this.b.pv(left) : this.legacyKeyword(left),
        right,
        span: this.b.span(left, this.LA(0)),
      };
    });
  });

  /** Right side of a comparison: PV, string, number, `null`, IP/network, or a 2.x word (`INET`, `myself`). */
  private readonly compareRhsAlts: IOrAlt<Expr>[] = [
      { ALT: () => this.pvOf(this.CONSUME(PseudoVariable)) },
      { ALT: () => this.stringOf(this.CONSUME(StringLiteral)) },
      { ALT: () => this.SUBRULE(this.snumber) },
      { ALT: () => this.nullOf(this.CONSUME(Null)) },
      {
        ALT: () => {
          const t = this.CONSUME(IpLiteral);
          return this.ACTION(() => this.b.ip(t));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(Identifier);
          return this.ACTION((): Expr => (t.image === "myself" ? { kind: "LegacyKeyword", name: "myself", span: this.b.tokenSpan(t) } : this.b.word(t, t)));
        },
      },
  ];

  private readonly compareRhs = this.RULE("compareRhs", (): Expr => this.OR(this.compareRhsAlts));

  /** An identifier in a condition: a call, a 2.x keyword comparison (`method == "INVITE"`, `msg:len > 10`). */
  /** After an identifier (the previous token) in a condition. */
  private readonly identifierAtomTailAlts: IOrAlt<Expr | undefined>[] = [
    { ALT: () => this.SUBRULE(this.callArguments, { ARGS: [this.LA(0)] }) },
    {
      ALT: () => {
        const id = this.LA(0);
        this.ACTION(() => this.requireLegacyKeyword(id));
        return this.SUBRULE(this.compareTail, { ARGS: [id] });
      },
    },
    {
      ALT: () => {
        const id = this.LA(0);
        this.CONSUME(Colon);
        const len = this.CONSUME1(Identifier);
        this.ACTION(() => {
          if (id.image !== "msg" || len.image !== "len") this.blameSyntax(len, "condition");
        });
        return this.SUBRULE1(this.compareTail, { ARGS: [id] });
      },
    },
    { ALT: () => this.noParensCall(this.LA(0)) },
  ];

  private readonly identifierAtom = this.RULE("identifierAtom", (): Expr | undefined => {
    this.CONSUME(Identifier);
    return this.OR(this.identifierAtomTailAlts);
  });

  private requireLegacyKeyword(id: IToken): void {
    if (LEGACY_CONDITION_WORDS.has(id.image)) return;
    this.blame(id, SYNTAX_CODES.comparisonLeftSide, `the left side of a comparison must be a pseudo-variable, not the word \`${id.image}\``);
    throw new ReportedError();
  }

  private legacyKeyword(first: IToken): LegacyKeyword {
    if (first.image !== "msg") return { kind: "LegacyKeyword", name: first.image as LegacyKeyword["name"], span: this.b.tokenSpan(first) };
    const len = this.tokenAfter(first, 2) ?? first;
    return { kind: "LegacyKeyword", name: "msg:len", span: this.b.span(first, len) };
  }

  // ===========================================================================================
  // Value expressions (spec §7.1): bitwise operators (one level) bind looser than arithmetic
  // (one level, no `*` over `+` priority); `~` binds tightest.

  private readonly valueExpr = this.RULE("valueExpr", (): Expr | undefined => {
    let left = this.SUBRULE(this.arithExpr);
    this.MANY(() => {
      const op = this.CONSUME(BitOp);
      const right = this.SUBRULE1(this.arithExpr);
      this.ACTION(() => (left = this.binary(op, left, right)));
    });
    return left;
  });

  private readonly arithExpr = this.RULE("arithExpr", (): Expr | undefined => {
    let left = this.SUBRULE(this.unaryValue);
    this.MANY(() => {
      const op = this.CONSUME(ArithOp);
      const right = this.SUBRULE1(this.unaryValue);
      this.ACTION(() => (left = this.binary(op, left, right)));
    });
    return left;
  });

  private binary(op: IToken, left: Expr | undefined, right: Expr | undefined): Expr | undefined {
    if (!left || !right) return undefined;
    return { kind: "Binary", op: op.image as "+", left, right, span: join(left.span, right.span) };
  }

  private readonly unaryValueAlts: IOrAlt<Expr | undefined>[] = [
    {
      ALT: () => {
        const tilde = this.CONSUME(Tilde);
        const operand = this.SUBRULE(this.unaryValue);
        return this.ACTION(() => operand && { kind: "BitNot", operand, span: this.b.span(tilde, this.LA(0)) });
      },
    },
    { ALT: () => this.SUBRULE(this.valuePrimary) },
  ];

  private readonly unaryValue = this.RULE("unaryValue", (): Expr | undefined => this.OR(this.unaryValueAlts));

  private readonly valuePrimaryAlts: IOrAlt<Expr | undefined>[] = [
      { ALT: () => this.SUBRULE(this.snumber) },
      { ALT: () => this.stringOf(this.CONSUME(StringLiteral)) },
      {
        ALT: () => {
          const pv = this.CONSUME(PseudoVariable);
          const comparison = this.OPTION(() => this.SUBRULE(this.compareTail, { ARGS: [pv] }));
          return comparison ?? this.pvOf(pv);
        },
      },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.routeCall) },
      {
        ALT: () => {
          const open = this.CONSUME(LParen);
          const expr = this.SUBRULE(this.valueExpr);
          const close = this.CONSUME(RParen);
          return this.ACTION(() => expr && { kind: "Paren", expr, span: this.b.span(open, close) });
        },
      },
  ];

  private readonly valuePrimary = this.RULE("valuePrimary", (): Expr | undefined => this.OR(this.valuePrimaryAlts));

  /** NUMBER, `+NUMBER` or `-NUMBER` (boolean words are numbers). */
  private readonly snumber = this.RULE("snumber", (): NumberLit => {
    const sign = this.OPTION(() => this.CONSUME(Sign));
    const n = this.CONSUME(NumberLike);
    return this.ACTION(() => this.b.number(n, sign));
  });

  /** One string or several adjacent ones, folded (modparam values, xlog/xdbg formats). */
  private readonly strings = this.RULE("strings", (): StringLit => {
    const parts: IToken[] = [];
    this.AT_LEAST_ONE(() => parts.push(this.CONSUME(StringLiteral)));
    return this.ACTION(() => this.b.string(parts));
  });
}

/** What OpenSIPS's grammar allows on the right of each comparison operator (spec §6.1). */
function comparisonProblem(op: CompareOperator, right: Expr): string | null {
  const equality = op === "==" || op === "!=";
  if (right.kind === "NullLit" && !equality) return "`null` can only be compared with `==` or `!=`";
  if (right.kind === "IpNet" && !equality) return "an IP address or network can only be compared with `==` or `!=`";
  if (right.kind === "NumberLit" && (op === "=~" || op === "!~")) return "`=~` and `!~` need a string or a pseudo-variable on the right";
  return null;
}

/** From the start of `a` to the end of `b` (cut at `a`'s start when they are in different files). */
function join(a: Span, b: Span): Span {
  if (a.file !== b.file) return { ...a, endLine: a.line, endColumn: a.column + 1 };
  return { file: a.file, line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}
