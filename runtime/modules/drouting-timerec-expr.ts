/**
 * Time recurrence expressions (time_rec.c `tmrec_expr_parse` / `_tmrec_expr_check`): single
 * recurrences joined by `&` (all) or `/` (any) — one kind of operator per level — with `!` to
 * negate the next operand and parentheses to group. Inside a recurrence a `/` only counts as an
 * operator once the recurrence has a `|` (so `Europe/Berlin|…` stays one operand); blanks end it.
 */
import { timeRecMatches } from "./drouting-timerec-check.ts";
import { parseTimeRec, type TimeRec } from "./drouting-timerec-parse.ts";

export type TimeRecExpr =
  | { readonly kind: "rec"; readonly rec: TimeRec; readonly inverted: boolean }
  | { readonly kind: "group"; readonly op: "and" | "or"; readonly operands: readonly TimeRecExpr[]; readonly inverted: boolean };

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\r" || c === "\n";

/** The index of the `)` closing the `(` at `open`; -1 when unbalanced. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/** The end of the recurrence starting at `from`: a blank, `&`, or `/` after a `|`; an error text on `!`, `(` or `)`. */
function operandEnd(text: string, from: number): number | string {
  let sawField = false;
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === "!" || c === "(" || c === ")") return `unexpected '${c}'`;
    if (c === "|") sawField = true;
    if (isBlank(c) || c === "&" || (c === "/" && sawField)) return i;
  }
  return text.length;
}

function withOperator(current: "and" | "or" | null, c: string): "and" | "or" | string {
  const op = c === "&" ? "and" : "or";
  return current !== null && current !== op ? `only one operator type is allowed within an expression (at '${c}')` : op;
}

/** Parses an expression; an error text when it is malformed. */
export function parseTimeRecExpr(text: string): TimeRecExpr | string {
  const operands: TimeRecExpr[] = [];
  let op: "and" | "or" | null = null;
  let invertNext = false;
  let needOperand = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (isBlank(c)) continue;
    if (!needOperand) {
      if (c !== "&" && c !== "/") return `bad char '${c}', expected an operator`;
      const next = withOperator(op, c);
      if (next !== "and" && next !== "or") return next;
      op = next;
      needOperand = true;
      continue;
    }
    if (c === ")" || c === "&" || c === "/") return `unexpected '${c}'`;
    if (c === "!") {
      invertNext = !invertNext;
      continue;
    }
    let operand: TimeRecExpr | string;
    if (c === "(") {
      const close = closingParen(text, i);
      if (close < 0) return "bad parentheses";
      operand = parseTimeRecExpr(text.slice(i + 1, close).trim());
      i = close;
    } else {
      const end = operandEnd(text, i);
      if (typeof end === "string") return end;
      const rec = parseTimeRec(text.slice(i, end).trim());
      operand = typeof rec === "string" ? rec : { kind: "rec", rec, inverted: false };
      i = end - 1;
    }
    if (typeof operand === "string") return operand;
    operands.push({ ...operand, inverted: invertNext || operand.inverted });
    invertNext = false;
    needOperand = false;
  }
  if (needOperand && op !== null) return "missing operand";
  return { kind: "group", op: op ?? "and", operands, inverted: invertNext };
}

/** True when `seconds` (since the epoch) satisfies the expression; an empty group never matches. */
export function timeRecExprMatches(expr: TimeRecExpr, seconds: number): boolean {
  let result: boolean;
  if (expr.kind === "rec") result = timeRecMatches(expr.rec, seconds);
  else if (expr.operands.length === 0) result = false;
  else if (expr.op === "and") result = expr.operands.every((e) => timeRecExprMatches(e, seconds));
  else result = expr.operands.some((e) => timeRecExprMatches(e, seconds));
  return result !== expr.inverted;
}
