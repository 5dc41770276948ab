/**
 * Statements (spec §5). Every action sets `ctx.rc`; after anything that can end the script (a
 * call, `route()`, an action inside a condition) the route checks `ctx.exited` and returns, so an
 * `exit` unwinds every enclosing loop, switch and route (§4.2, §6.5).
 */
import type { Assert, Async, Block, ForEach, If, Launch, Return, Statement, Switch, While } from "./ast.ts";
import { argumentList, bindingOf, callExpression } from "./emit-call.ts";
import { emitError, location, type EmitContext } from "./emit-context.ts";
import { canExit, writeAssignment, writeCondition, writeValue } from "./emit-expr.ts";
import { jsNumber, jsString } from "./emit-literals.ts";
import { formatExpression, pvAccessor, pvValue } from "./emit-pv.ts";
import { routeCallExpression, routeFunction } from "./emit-route-call.ts";
import { ASSIGN_ACTIONS, writeTrace } from "./emit-trace.ts";

const EXIT_CHECK = "if (ctx.exited) return 0;";

/**
 * The statements of a block, up to the first one control never leaves (what follows it is dead
 * code). True when there was such a statement.
 */
export function writeStatements(ec: EmitContext, statements: readonly Statement[]): boolean {
  for (const s of statements) {
    writeStatement(ec, s);
    if (endsRoute(s)) return true;
  }
  return false;
}

/** A statement standing as a condition atom (`if (if (…) …)`, `if ({ … })`); true when it always returns. */
export function writeNestedStatement(ec: EmitContext, statement: If | Block): boolean {
  if (statement.kind === "Block") return writeStatements(ec, statement.statements);
  writeStatement(ec, statement);
  return false;
}

/** True when control never reaches the statement after `s`. */
function endsRoute(s: Statement): boolean {
  return s.kind === "Return" || s.kind === "Exit" || s.kind === "Drop" || s.kind === "Async";
}

function writeStatement(ec: EmitContext, s: Statement): void {
  const out = ec.out;
  if (s.kind === "Empty") return;
  out.from(s.span);
  traceStatement(ec, s);
  switch (s.kind) {
    case "CallStatement":
      out.line(`rt.action(ctx, ${callExpression(ec, s.call)});`).line(EXIT_CHECK);
      return;
    case "RouteCall":
      out.line(`rt.action(ctx, ${routeCallExpression(ec, s)});`).line(EXIT_CHECK);
      return;
    case "Assign":
      out.write("ctx.rc = ");
      writeAssignment(ec, s);
      out.line(";");
      if (canExit(s.value)) out.line(EXIT_CHECK);
      return;
    case "If":
      writeIf(ec, s);
      return;
    case "Switch":
      writeSwitch(ec, s);
      return;
    case "While":
      writeWhile(ec, s);
      return;
    case "ForEach":
      writeForEach(ec, s);
      return;
    case "Return":
      writeReturn(ec, s);
      return;
    case "Exit":
      out.line("return rt.exit(ctx);");
      return;
    case "Drop":
      out.line("return rt.drop(ctx);");
      return;
    case "Break":
      writeBreak(ec);
      return;
    case "Async":
      writeAsync(ec, s);
      return;
    case "Launch":
      writeLaunch(ec, s);
      return;
    case "Assert":
      writeAssert(ec, s);
      return;
  }
}

/** The trace line of a statement; calls and route calls trace themselves, also inside conditions. */
function traceStatement(ec: EmitContext, s: Exclude<Statement, { kind: "Empty" }>): void {
  if (s.kind === "CallStatement" || s.kind === "RouteCall") return;
  if (s.kind === "Assign") writeTrace(ec, s.span, "assign", ASSIGN_ACTIONS[s.op]);
  else writeTrace(ec, s.span, "core", CORE_ACTIONS[s.kind]);
}

const CORE_ACTIONS: Readonly<Record<Exclude<Statement["kind"], "Empty" | "CallStatement" | "RouteCall" | "Assign">, string>> = {
  If: "if",
  Switch: "switch",
  While: "while",
  ForEach: "for-each",
  Return: "return",
  Exit: "exit",
  Drop: "drop",
  Break: "break",
  Async: "async",
  Launch: "launch",
  Assert: "assert",
};

/**
 * `<prefix>(<cond> > 0)`. A condition does not set `$rc` by itself — only the actions in it do
 * (a function call, `route()`, an assignment) — so a branch still sees the `$rc` from before the
 * `if` (`if ($rc < 0) xlog("$rc")`). A condition holding an action is computed first, into a
 * constant, so the exit check can run before the branch.
 */
function writeConditionInto(ec: EmitContext, condition: If["condition"], prefix: string): void {
  if (canExit(condition)) {
    const name = `cond${ec.scope.conditions++}`;
    ec.out.write(`const ${name} = `);
    writeCondition(ec, condition);
    ec.out.line(";").line(EXIT_CHECK).write(`${prefix}(${name} > 0)`);
  } else {
    ec.out.write(`${prefix}(`);
    writeCondition(ec, condition);
    ec.out.write(" > 0)");
  }
}

/** §5.2: after the `if`, `$rc` is the chosen branch's last action, or the condition's 1/0 when that branch is empty or missing. */
function writeBranch(ec: EmitContext, statements: readonly Statement[], codeWhenEmpty: 0 | 1): void {
  if (statements.every((st) => st.kind === "Empty")) ec.out.line(`ctx.rc = ${codeWhenEmpty};`);
  else writeStatements(ec, statements);
}

function writeIf(ec: EmitContext, s: If): void {
  const out = ec.out;
  writeConditionInto(ec, s.condition, "if ");
  out.line(" {");
  out.indented(() => writeBranch(ec, s.then.statements, 1));
  let otherwise = s.else;
  while (otherwise !== null) {
    const only = otherwise.statements.length === 1 ? otherwise.statements[0]! : null;
    if (only?.kind === "If" && !canExit(only.condition)) {
      out.from(only.span).write("} else ");
      writeConditionInto(ec, only.condition, "if ");
      out.line(" {");
      out.indented(() => writeBranch(ec, only.then.statements, 1));
      otherwise = only.else;
      continue;
    }
    break;
  }
  const last = otherwise;
  out.line("} else {");
  out.indented(() => writeBranch(ec, last?.statements ?? [], 0));
  out.line("}");
}

/**
 * `switch` (§5.3) as a labelled block: `rt.caseIndex` gives the first matching case; case i's
 * statements run when the match is at or before i (C fall-through), `default`'s whenever control
 * reaches them, and `break` leaves the label.
 */
function writeSwitch(ec: EmitContext, s: Switch): void {
  const out = ec.out;
  const depth = ec.scope.switches++;
  const label = `switch${depth}`;
  const matched = `case${depth}`;
  const labels = s.cases.flatMap((c) => (c.label === null ? [] : [c.label.kind === "NumberLit" ? jsNumber(c.label.value) : jsString(c.label.value)]));
  const caseLabels = ec.hoist.constant("labels", `[${labels.join(", ")}]`, s.span);
  out.line(`${label}: {`);
  out.indented(() => {
    // The subject is read first: `switch ($rc)` sees the code from before the switch.
    out.line(`const ${matched} = rt.caseIndex(${pvValue(ec, s.subject)}, ${caseLabels});`);
    out.line("ctx.rc = 1;");
    ec.scope.breakTargets.push(label);
    let index = 0;
    for (const c of s.cases) {
      if (c.label === null) {
        out.from(c.span);
        writeStatements(ec, c.statements);
        continue;
      }
      const i = index++;
      if (c.statements.length === 0) continue;
      out.from(c.span).line(i === 0 ? `if (${matched} === 0) {` : `if (${matched} >= 0 && ${matched} <= ${i}) {`);
      out.indented(() => writeStatements(ec, c.statements));
      out.line("}");
    }
    ec.scope.breakTargets.pop();
  });
  out.line("}");
  ec.scope.switches--;
}

/** `while` (§5.4): the condition each round, then the `max_while_loops` guard. */
function writeWhile(ec: EmitContext, s: While): void {
  const out = ec.out;
  const counter = `loop${ec.scope.loops++}`;
  out.line(`for (let ${counter} = 0; ; ${counter}++) {`);
  out.indented(() => {
    writeConditionInto(ec, s.condition, "if (!");
    out.line(` || !rt.loopGuard(ctx, ${counter})) break;`);
    writeLoopBody(ec, s.body);
  });
  out.line("}");
  ec.scope.loops--;
}

/** `for (x in $(coll[*]))` (§5.5): each value assigned to the iterator (`:=` for `$json`), then the body. */
function writeForEach(ec: EmitContext, s: ForEach): void {
  const out = ec.out;
  const value = `value${ec.scope.loops++}`;
  const op = s.iterator.name === "json" ? ":=" : "=";
  out.line(`for (const ${value} of rt.each(ctx, ${pvAccessor(ec, s.collection)})) {`);
  out.indented(() => {
    out.line(`ctx.rc = ${pvAccessor(ec, s.iterator)}.assign(ctx, ${jsString(op)}, ${value});`);
    writeLoopBody(ec, s.body);
  });
  out.line("}");
  ec.scope.loops--;
}

function writeLoopBody(ec: EmitContext, body: Block): void {
  ec.scope.breakTargets.push("");
  writeStatements(ec, body.statements);
  ec.scope.breakTargets.pop();
}

function writeBreak(ec: EmitContext): void {
  const target = ec.scope.breakTargets.at(-1);
  if (target === undefined) return;
  ec.out.line(target === "" ? "break;" : `break ${target};`);
}

/** `return`, `return(N)`, `return $pv`, `return(code, v1, …)` (§5.8); code 0 exits. */
function writeReturn(ec: EmitContext, s: Return): void {
  const code = s.code === null ? "1" : s.code.kind === "NumberLit" ? jsNumber(s.code.value) : pvValue(ec, s.code);
  ec.out.write(`return rt.ret(ctx, ${code}, [`);
  s.values.forEach((v, i) => {
    if (i > 0) ec.out.write(", ");
    writeValue(ec, v);
  });
  ec.out.line("]);");
}

/** `async(f(…), resume[, timeout])` (§10.1): suspend; the resume route is the continuation, nothing after runs. */
function writeAsync(ec: EmitContext, s: Async): void {
  const call = `${bindingOf(ec, s.call)}, ${argumentList(ec, s.call)}`;
  const resume = requestRoute(ec, s.resume, s.resumeSpan, "resume");
  const timeout = s.timeout === null ? "" : `, ${jsNumber(s.timeout.value)}`;
  ec.out.line(`yield rt.suspend(ctx, ${call}, ${resume}${timeout});`);
  ec.out.line("return rt.exit(ctx);");
}

/** `launch(f(…)[, report[, "param"]])` (§10.3): start and continue at once. */
function writeLaunch(ec: EmitContext, s: Launch): void {
  const call = `${bindingOf(ec, s.call)}, ${argumentList(ec, s.call)}`;
  const report = s.report === null ? "null" : requestRoute(ec, s.report, s.reportSpan ?? s.span, "report");
  const param = s.param === null ? "null" : formatExpression(ec, s.param);
  ec.out.line(`ctx.rc = rt.launch(ctx, ${call}, ${report}, ${param});`);
}

function writeAssert(ec: EmitContext, s: Assert): void {
  ec.out.write("rt.action(ctx, rt.assertion(ctx, ");
  writeCondition(ec, s.condition);
  const message = s.message === null ? "null" : jsString(s.message.value);
  ec.out.line(`, ${message}, ${jsString(location(s.span))}));`).line(EXIT_CHECK);
}

/** The resume/report route of async/launch; a missing one is an error (OpenSIPS crashes on it, §4.1). */
function requestRoute(ec: EmitContext, name: string, span: Async["resumeSpan"], role: string): string {
  const fn = routeFunction(ec, "request", name);
  if (fn !== null) return fn;
  emitError(ec, `${role} route "${name}" is not defined`, span);
  return "null!";
}
