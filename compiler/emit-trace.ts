/**
 * script_trace (core): in a script that calls it, every action is preceded by
 * `rt.trace(ctx, "file:line", class, action)`, which logs a line while the run is being traced;
 * the names are OpenSIPS's (`core if`, `assign equal`, `module t_relay`, `route name`). Scripts
 * that never call script_trace get no trace calls at all.
 */
import type { AssignOp, Span } from "./ast.ts";
import { location, type EmitContext } from "./emit-context.ts";
import { jsString } from "./emit-literals.ts";

/** do_assign's names for the assignment operators. */
export const ASSIGN_ACTIONS: Readonly<Record<AssignOp, string>> = {
  "=": "equal",
  ":=": "colon-eq",
  "+=": "plus-eq",
  "-=": "minus-eq",
  "/=": "div-eq",
  "*=": "mult-eq",
  "%=": "modulo-eq",
  "&=": "b-and-eq",
  "|=": "b-or-eq",
  "^=": "b-xor-eq",
};

function traceCall(span: Span, actionClass: string, action: string): string {
  return `rt.trace(ctx, ${jsString(location(span))}, ${jsString(actionClass)}, ${jsString(action)})`;
}

/** A trace line as a statement before the action at `span`. */
export function writeTrace(ec: EmitContext, span: Span, actionClass: string, action: string): void {
  if (ec.options.traceActions === true) ec.out.line(`${traceCall(span, actionClass, action)};`);
}

/** `expression` (a call or route call, which may stand inside a condition) traced first. */
export function traced(ec: EmitContext, span: Span, actionClass: string, action: string, expression: string): string {
  return ec.options.traceActions === true ? `(${traceCall(span, actionClass, action)}, ${expression})` : expression;
}
