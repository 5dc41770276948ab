/**
 * One traversal of a route body for every checker pass. It reports statements, calls (with how
 * they run), pseudo-variables outside call arguments (read or written) and strings used as
 * formats outside calls; call arguments are left to whoever knows the callee's parameters.
 */
import type { Block, Call, Expr, FormatString, PseudoVar, Statement } from "./ast.ts";
import type { CallMode } from "./check-info.ts";

export type PvUse = "read" | "write";

export interface Visitor {
  statement?(statement: Statement): void;
  expr?(expr: Expr): void;
  call?(call: Call, mode: CallMode): void;
  pv?(pv: PseudoVar, use: PvUse): void;
  format?(format: FormatString): void;
}

export function walkBlock(block: Block, visitor: Visitor): void {
  for (const statement of block.statements) walkStatement(statement, visitor);
}

export function walkStatement(s: Statement, v: Visitor): void {
  v.statement?.(s);
  switch (s.kind) {
    case "CallStatement":
      v.call?.(s.call, "sync");
      return;
    case "Assign":
      v.pv?.(s.target, "write");
      walkExpr(s.value, v);
      return;
    case "If":
      walkExpr(s.condition, v);
      walkBlock(s.then, v);
      if (s.else) walkBlock(s.else, v);
      return;
    case "While":
      walkExpr(s.condition, v);
      walkBlock(s.body, v);
      return;
    case "ForEach":
      v.pv?.(s.iterator, "write");
      v.pv?.(s.collection, "read");
      walkBlock(s.body, v);
      return;
    case "Switch":
      v.pv?.(s.subject, "read");
      for (const c of s.cases) for (const statement of c.statements) walkStatement(statement, v);
      return;
    case "Return":
      if (s.code?.kind === "PseudoVar") v.pv?.(s.code, "read");
      for (const value of s.values) if (value.kind === "PseudoVar") v.pv?.(value, "read");
      return;
    case "RouteCall":
      if (s.target.kind === "format") v.format?.(s.target.format);
      if (s.target.kind === "pv") v.pv?.(s.target.pv, "read");
      for (const arg of s.args) if (arg.kind === "PseudoVar") v.pv?.(arg, "read");
      return;
    case "Async":
      v.call?.(s.call, "async");
      return;
    case "Launch":
      v.call?.(s.call, "launch");
      if (s.param) v.format?.(s.param);
      return;
    case "Assert":
      walkExpr(s.condition, v);
      return;
    case "Exit":
    case "Drop":
    case "Break":
    case "Empty":
      return;
  }
}

export function walkExpr(e: Expr, v: Visitor): void {
  v.expr?.(e);
  switch (e.kind) {
    case "PseudoVar":
      v.pv?.(e, "read");
      return;
    case "Binary":
    case "Logical":
      walkExpr(e.left, v);
      walkExpr(e.right, v);
      return;
    case "Compare":
      walkExpr(e.left, v);
      walkExpr(e.right, v);
      return;
    case "BitNot":
    case "Not":
    case "ValueTest":
    case "Paren":
      walkExpr(e.kind === "BitNot" || e.kind === "Not" ? e.operand : e.expr, v);
      return;
    case "Call":
      v.call?.(e, "sync");
      return;
    case "RouteCall":
    case "Assign":
      walkStatement(e, v);
      return;
    case "StatementCondition":
      if (e.statement.kind === "If") walkStatement(e.statement, v);
      else walkBlock(e.statement, v);
      return;
    case "NumberLit":
    case "StringLit":
    case "NullLit":
    case "IpNet":
    case "Word":
    case "LegacyKeyword":
      return;
  }
}

/** The variables a pseudo-variable reads to find itself: its dynamic name, index and transformation parameters. */
export function nestedPvs(pv: PseudoVar): PseudoVar[] {
  const nested: PseudoVar[] = [];
  if (pv.arg?.kind === "pv") nested.push(pv.arg.pv);
  if (pv.index?.kind === "pv") nested.push(pv.index.pv);
  for (const t of pv.transforms) {
    for (const p of t.params) if (p.kind === "pv") nested.push(p.pv);
    if (t.nameaddrIndex?.kind === "pv") nested.push(t.nameaddrIndex.pv);
  }
  return nested;
}

/** The pseudo-variables a format string reads. */
export function formatPvs(format: FormatString): PseudoVar[] {
  return format.parts.filter((p): p is PseudoVar => p.kind === "PseudoVar");
}
