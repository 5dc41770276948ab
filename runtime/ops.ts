/**
 * Arithmetic and bitwise operators of value expressions (spec §7.2): the left operand decides.
 *
 * - int-typed left: the right must be int-typed or NULL (read as 0); the result is a 32-bit C int.
 * - string left: `+` concatenates a string, or an int-typed PV's string form (an integer literal
 *   has no string form: error); NULL on the right leaves the left unchanged. `& | ^` work byte
 *   by byte on strings of equal length. Every other operator is an error.
 * - NULL left: error.
 * Errors log a warning and give `ERROR`; division or modulo by zero logs an error and gives 0.
 */
import type { Ctx } from "./ctx.ts";
import { L_ERR, L_WARN } from "./log-level.ts";
import { ERROR, type Operand } from "./script-error.ts";
import { intOf, textOf, toInt32 } from "./transformations/value-text.ts";
import type { Value } from "./value.ts";

export type BinaryOperator = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>";

/** The integer result of `a op b` on C ints; null for a division by zero. */
export function intOperation(op: BinaryOperator, a: number, b: number): number | null {
  switch (op) {
    case "+":
      return toInt32(a + b);
    case "-":
      return toInt32(a - b);
    case "*":
      return Math.imul(a, b);
    case "/":
      return b === 0 ? null : toInt32(Math.trunc(a / b));
    case "%":
      return b === 0 ? null : toInt32(a % b);
    case "&":
      return a & b;
    case "|":
      return a | b;
    case "^":
      return a ^ b;
    case "<<":
      return toInt32(a << b);
    case ">>":
      return a >> b;
  }
}

/** `a op b` for two ints, logging a division by zero (whose result is 0). */
export function intResult(ctx: Ctx, op: BinaryOperator, a: number, b: number): number {
  const result = intOperation(op, a, b);
  if (result !== null) return result;
  ctx.log(L_ERR, `ERROR:core:eval_expr: ${op === "/" ? "division" : "modulo"} by zero`);
  return 0;
}

/** Byte-wise `& | ^` of two strings of equal length; null when the lengths differ. */
export function bytewise(op: "&" | "|" | "^", a: string, b: string): string | null {
  const x = Buffer.from(a, "latin1");
  const y = Buffer.from(b, "latin1");
  if (x.length !== y.length) return null;
  const out = Buffer.alloc(x.length);
  for (let i = 0; i < x.length; i++) out[i] = op === "&" ? x[i]! & y[i]! : op === "|" ? x[i]! | y[i]! : x[i]! ^ y[i]!;
  return out.toString("latin1");
}

export function unsupported(ctx: Ctx, op: string, a: Operand, b: Operand): typeof ERROR {
  ctx.log(L_WARN, `WARNING:core:eval_expr: unsupported operand type(s) for ${op}: ${describe(a)} and ${describe(b)}`);
  return ERROR;
}

function describe(v: Operand): string {
  if (v === ERROR) return "error";
  if (v === null) return "null";
  return intOf(v) === null ? "string" : "int";
}

function binary(op: BinaryOperator) {
  return (ctx: Ctx, a: Operand, b: Operand, bIsLiteral: boolean): Operand => {
    if (a === ERROR || b === ERROR) return ERROR;
    const left = intOf(a);
    if (left !== null) {
      const right = b === null ? 0 : intOf(b);
      return right === null ? unsupported(ctx, op, a, b) : intResult(ctx, op, left, right);
    }
    if (a === null) return unsupported(ctx, op, a, b);
    if (op !== "+" && op !== "&" && op !== "|" && op !== "^") return unsupported(ctx, op, a, b);
    if (b === null) return op === "+" ? a : unsupported(ctx, op, a, b);
    if (bIsLiteral && intOf(b) !== null) return unsupported(ctx, op, a, b);
    const right = textOf(b)!;
    if (op === "+") return (textOf(a) ?? "") + right;
    return bytewise(op, textOf(a)!, right) ?? unsupported(ctx, op, a, b);
  };
}

/** `~a`: bitwise not of an int-typed value. */
function bitnot(ctx: Ctx, a: Operand): Operand {
  if (a === ERROR) return ERROR;
  const n = intOf(a);
  if (n !== null) return ~n;
  ctx.log(L_WARN, `WARNING:core:eval_expr: unsupported operand type for ~: ${describe(a)}`);
  return ERROR;
}

/** `rt.op.*`: the operators the emitter calls, `(ctx, left, right, rightIsIntLiteral)`. */
export const op = {
  add: binary("+"),
  sub: binary("-"),
  mul: binary("*"),
  div: binary("/"),
  mod: binary("%"),
  and: binary("&"),
  or: binary("|"),
  xor: binary("^"),
  shl: binary("<<"),
  shr: binary(">>"),
  bitnot,
};

/**
 * A compound assignment `x op= v` (spec §5.6): both sides non-NULL; int op int for every
 * operator, string += string concatenates; anything else is an error (even string += int PV).
 */
export function compoundValue(ctx: Ctx, operator: BinaryOperator, current: Value, value: Value): Operand {
  if (current === null || value === null) return unsupported(ctx, `${operator}=`, current, value);
  const a = intOf(current);
  const b = intOf(value);
  if (a !== null && b !== null) return intResult(ctx, operator, a, b);
  if (a === null && b === null && operator === "+") return textOf(current)! + textOf(value)!;
  return unsupported(ctx, `${operator}=`, current, value);
}
