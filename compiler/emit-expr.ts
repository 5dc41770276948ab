/**
 * Conditions (spec §6) and value expressions (spec §7), written straight into the route's text.
 *
 * A condition evaluates to 1 (true), 0 (false) or -1 (error). `&&` continues only on exactly 1 and
 * `||` only on exactly 0 (§6.3), through the route's one temporary `t`: its value is consumed
 * before either operand can overwrite it, so nesting needs no second temporary. An action used as
 * an atom (call, `route()`, assignment, a nested statement) goes through `rt.action`, which ends
 * the script on a 0; the statement writing the condition then checks `ctx.exited`.
 */
import type { ArithmeticOp, Assign, Compare, CompareOp, Expr, StatementCondition } from "./ast.ts";
import { callExpression } from "./emit-call.ts";
import { typeAnnotation, type EmitContext } from "./emit-context.ts";
import { jsNumber, jsString } from "./emit-literals.ts";
import { corePvAccessor, pvAccessor, pvValue, regexConstant } from "./emit-pv.ts";
import { routeCallExpression } from "./emit-route-call.ts";
import { writeNestedStatement } from "./emit-stmt.ts";

const OPERATOR_NAMES: Record<ArithmeticOp, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "&": "and",
  "|": "or",
  "^": "xor",
  "<<": "shl",
  ">>": "shr",
};

const COMPARE_NAMES: Record<CompareOp, string> = {
  "==": "eq",
  "!=": "ne",
  "<": "lt",
  ">": "gt",
  "<=": "le",
  ">=": "ge",
  "=~": "match",
  "!~": "nomatch",
};

/** 2.x condition keywords and the core PV each reads. */
const LEGACY_PVS: Record<string, string> = {
  method: "rm",
  uri: "ru",
  from_uri: "fu",
  to_uri: "tu",
  src_ip: "si",
  dst_ip: "Ri",
  src_port: "sp",
  dst_port: "Rp",
  proto: "pr",
  af: "af",
  status: "rs",
  "msg:len": "ml",
};

/** Writes `e` as a condition: 1, 0 or -1. */
export function writeCondition(ec: EmitContext, e: Expr): void {
  const out = ec.out;
  switch (e.kind) {
    case "NumberLit":
      out.write(e.value !== 0 ? "1" : "0");
      return;
    case "Paren":
      writeCondition(ec, e.expr);
      return;
    case "Not":
      wrap(ec, "rt.not(", () => writeCondition(ec, e.operand));
      return;
    case "Logical": {
      const left = constantCondition(e.left);
      if (left !== null) {
        // `1 && x` is x, `0 || x` is x; `0 && x` is 0, `1 || x` is 1 (x never runs).
        if ((e.op === "&&") === (left === 1)) writeCondition(ec, e.right);
        else out.write(String(left));
        return;
      }
      ec.scope.usesTemp = true;
      out.write("((t = ");
      writeCondition(ec, e.left);
      if (e.op === "&&") out.write(") === 1 ? ");
      else out.write(canExit(e.left) ? ") !== 0 || ctx.exited ? t : " : ") !== 0 ? t : ");
      writeCondition(ec, e.right);
      out.write(e.op === "&&" ? " : t)" : ")");
      return;
    }
    case "Compare":
      writeCompare(ec, e);
      return;
    case "ValueTest":
      wrap(ec, "rt.test(", () => writeValue(ec, e.expr));
      return;
    case "PseudoVar":
    case "LegacyKeyword":
      wrap(ec, "rt.truthy(", () => writeValue(ec, e));
      return;
    case "Call":
    case "RouteCall":
    case "Assign":
    case "StatementCondition":
      wrap(ec, "(rt.action(ctx, ", () => writeActionCode(ec, e), ") > 0 ? 1 : 0)");
      return;
    case "StringLit":
    case "NullLit":
    case "IpNet":
    case "Word":
    case "Binary":
    case "BitNot":
      wrap(ec, "rt.test(", () => writeValue(ec, e));
      return;
  }
}

/** The value (1 or 0) of a condition whose outcome number literals decide, else null. */
function constantCondition(e: Expr): number | null {
  switch (e.kind) {
    case "NumberLit":
      return e.value !== 0 ? 1 : 0;
    case "Paren":
      return constantCondition(e.expr);
    case "Not": {
      const c = constantCondition(e.operand);
      return c === null ? null : 1 - c;
    }
    case "Logical": {
      const left = constantCondition(e.left);
      if (left === null) return null;
      return (e.op === "&&") === (left === 1) ? constantCondition(e.right) : left;
    }
    default:
      return null;
  }
}

/** Writes `e` as a value (spec §7.6), or `rt.ERROR` from a failed operator at run time. */
export function writeValue(ec: EmitContext, e: Expr): void {
  const out = ec.out;
  switch (e.kind) {
    case "NumberLit":
      out.write(jsNumber(e.value));
      return;
    case "StringLit":
      out.write(jsString(e.value));
      return;
    case "NullLit":
      out.write("null");
      return;
    case "Word":
    case "IpNet":
      out.write(jsString(e.text));
      return;
    case "PseudoVar":
      out.write(pvValue(ec, e));
      return;
    case "LegacyKeyword":
      out.write(`${corePvAccessor(ec, LEGACY_PVS[e.name] ?? e.name, e.span)}.get(ctx)`);
      return;
    case "Paren":
      writeValue(ec, e.expr);
      return;
    case "Binary":
      out.write(`rt.op.${OPERATOR_NAMES[e.op]}(ctx, `);
      writeValue(ec, e.left);
      out.write(", ");
      writeValue(ec, e.right);
      out.write(`, ${isIntLiteral(e.right)})`);
      return;
    case "BitNot":
      wrap(ec, "rt.op.bitnot(ctx, ", () => writeValue(ec, e.operand));
      return;
    case "Call":
    case "RouteCall":
    case "Assign":
    case "StatementCondition":
      wrap(ec, "rt.action(ctx, ", () => writeActionCode(ec, e));
      return;
    case "Compare":
    case "Logical":
    case "Not":
    case "ValueTest":
      writeCondition(ec, e);
      return;
  }
}

/** `open`, what `inner` writes, `close`. */
function wrap(ec: EmitContext, open: string, inner: () => void, close = ")"): void {
  ec.out.write(open);
  inner();
  ec.out.write(close);
}

/** Integer literals have no string form (`"x" + 5` is an error, `"x" + $var(five)` concatenates). */
function isIntLiteral(e: Expr): boolean {
  return e.kind === "NumberLit" || (e.kind === "Paren" && isIntLiteral(e.expr));
}

/** True when evaluating `e` can end the script (an action atom may return 0). */
export function canExit(e: Expr): boolean {
  switch (e.kind) {
    case "Call":
    case "RouteCall":
    case "Assign":
    case "StatementCondition":
      return true;
    case "Paren":
    case "ValueTest":
      return canExit(e.expr);
    case "Not":
    case "BitNot":
      return canExit(e.operand);
    case "Logical":
    case "Binary":
      return canExit(e.left) || canExit(e.right);
    case "Compare":
      return canExit(e.right);
    default:
      return false;
  }
}

/** The return code of an action atom, without `rt.action` around it. */
function writeActionCode(ec: EmitContext, e: Expr & { kind: "Call" | "RouteCall" | "Assign" | "StatementCondition" }): void {
  const out = ec.out;
  out.from(e.span);
  switch (e.kind) {
    case "Call":
      out.write(callExpression(ec, e));
      return;
    case "RouteCall":
      out.write(routeCallExpression(ec, e));
      return;
    case "Assign":
      writeAssignment(ec, e);
      return;
    case "StatementCondition":
      writeStatementCondition(ec, e);
      return;
  }
}

/** `acc.assign(ctx, op, value)`: the assignment's code (1, or -1 when it failed). */
export function writeAssignment(ec: EmitContext, a: Assign): void {
  ec.out.write(`${pvAccessor(ec, a.target)}.assign(ctx, ${jsString(a.op)}, `);
  writeValue(ec, a.value);
  ec.out.write(")");
}

/**
 * A nested `if` or braced block as a condition atom: an inline generator giving its last `$rc`
 * (a `return` inside it ends the atom, an `exit` the script).
 */
function writeStatementCondition(ec: EmitContext, e: StatementCondition): void {
  ec.out.write(`yield* (function* ()${typeAnnotation(ec.options, ": rt.RouteGen")} {`);
  ec.out.endLine();
  ec.out.indented(() => {
    if (!writeNestedStatement(ec, e.statement)) ec.out.line("return ctx.rc;");
  });
  ec.out.write("})()");
}

function writeCompare(ec: EmitContext, e: Compare): void {
  const out = ec.out;
  const right = e.right;
  const negated = e.op === "!=";
  out.from(e.span);
  if (right.kind === "LegacyKeyword" && right.name === "myself") {
    wrap(ec, negated ? "rt.not(rt.cmp.myself(ctx, " : "rt.cmp.myself(ctx, ", () => writeValue(ec, e.left), negated ? "))" : ")");
    return;
  }
  if (right.kind === "IpNet" && (e.op === "==" || negated)) {
    const close = `, ${jsString(right.text)})${negated ? ")" : ""}`;
    wrap(ec, negated ? "rt.not(rt.cmp.inNet(" : "rt.cmp.inNet(", () => writeValue(ec, e.left), close);
    return;
  }
  out.write(`rt.cmp.${COMPARE_NAMES[e.op]}(`);
  writeValue(ec, e.left);
  out.write(", ");
  if (e.op === "=~" || e.op === "!~") {
    if (right.kind === "StringLit") out.write(regexConstant(ec, right.value, right.span));
    else writeValue(ec, right);
    out.write(")");
    return;
  }
  writeValue(ec, right);
  out.write(`, ${isIntLiteral(right)})`);
}
