/**
 * Pseudo-variables, transformations, format strings and regexes become hoisted constants built
 * once at load time (spec §7.4, §8, §9); route code only calls `get`/`assign`/`render` on them.
 */
import type { FormatString, PseudoVar, PvArg, PvIndex, Span, Transform, TransformParam } from "./ast.ts";
import type { EmitContext } from "./emit-context.ts";
import { jsNumber, jsString } from "./emit-literals.ts";

/** PVs with their own store in the runtime; every other name is a message/core/module PV. */
const STORED_PVS: ReadonlySet<string> = new Set(["var", "avp", "shv"]);

/** The hoisted accessor of `pv` (context, index and transformations included). */
export function pvAccessor(ec: EmitContext, pv: PseudoVar): string {
  let expression = baseExpression(ec, pv);
  if (pv.context !== null) expression = `rt.pv.context(${jsString(pv.context)}, ${hoistPv(ec, expression, pv.span)})`;
  if (pv.index !== null) expression = `rt.pv.indexed(${hoistPv(ec, expression, pv.span)}, ${indexExpression(ec, pv.index)})`;
  if (pv.transforms.length > 0) {
    const chain = pv.transforms.map((t) => transformExpression(ec, t)).join(", ");
    expression = `rt.pv.transformed(${hoistPv(ec, expression, pv.span)}, [${chain}])`;
  }
  return hoistPv(ec, expression, pv.span);
}

/**
 * `$cfg_line` / `$cfg_file` name the place they are written at: known when compiling, so they
 * become literals (with an index or transformation they stay run-time accessors).
 */
function compileTimeValue(pv: PseudoVar): string | number | null {
  if (pv.index !== null || pv.transforms.length > 0 || pv.context !== null) return null;
  if (pv.name === "cfg_line") return pv.span.line;
  if (pv.name === "cfg_file") return pv.span.file;
  return null;
}

/** The JS expression of `pv`'s current value. */
export function pvValue(ec: EmitContext, pv: PseudoVar): string {
  const known = compileTimeValue(pv);
  if (known !== null) return typeof known === "number" ? jsNumber(known) : jsString(known);
  return `${pvAccessor(ec, pv)}.get(ctx)`;
}

/** A core PV by name (the 2.x condition keywords use it: `method` → `$rm`). */
export function corePvAccessor(ec: EmitContext, name: string, span: Span): string {
  return hoistPv(ec, `rt.pv.core(${jsString(name)})`, span);
}

function hoistPv(ec: EmitContext, expression: string, span: Span): string {
  return ec.hoist.constant("pv", expression, span);
}

function baseExpression(ec: EmitContext, pv: PseudoVar): string {
  if (STORED_PVS.has(pv.name)) return `rt.pv.${pv.name}(${argExpression(ec, pv.arg)})`;
  if (pv.name === "param") return `rt.pv.param(${paramArgExpression(ec, pv.arg)})`;
  const name = jsString(pv.name);
  return pv.arg === null ? `rt.pv.core(${name})` : `rt.pv.core(${name}, ${argExpression(ec, pv.arg)})`;
}

function argExpression(ec: EmitContext, arg: PvArg | null): string {
  if (arg === null) return jsString("");
  return arg.kind === "text" ? jsString(arg.text) : pvAccessor(ec, arg.pv);
}

/** `$param(2)` names a position (a number), `$param(caller)` an event attribute (a string). */
function paramArgExpression(ec: EmitContext, arg: PvArg | null): string {
  if (arg !== null && arg.kind === "text" && /^\d+$/.test(arg.text)) return jsNumber(Number(arg.text));
  return argExpression(ec, arg);
}

function indexExpression(ec: EmitContext, index: PvIndex): string {
  switch (index.kind) {
    case "int":
      return jsNumber(index.value);
    case "all":
      return jsString("*");
    case "append":
      return jsString("append");
    case "name":
      return jsString(index.name);
    case "pv":
      return pvAccessor(ec, index.pv);
  }
}

function transformExpression(ec: EmitContext, t: Transform): string {
  const params = t.params.map((p) => transformParamExpression(ec, p)).join(", ");
  const head = `rt.tr(${jsString(t.class)}, ${jsString(t.method)}, [${params}]`;
  return t.nameaddrIndex === undefined ? `${head})` : `${head}, ${indexExpression(ec, t.nameaddrIndex)})`;
}

function transformParamExpression(ec: EmitContext, param: TransformParam): string {
  return param.kind === "text" ? jsString(param.text) : pvAccessor(ec, param.pv);
}

/** A format's rendering: a hoisted format, or its text when every part is known when compiling. */
export type CompiledFormat = { kind: "text"; text: string } | { kind: "format"; name: string };

/** `format` (spec §7.4) built once; `$$` is already `$` in the parser's text parts. */
export function compileFormat(ec: EmitContext, format: FormatString): CompiledFormat {
  const parts: string[] = [];
  let text = "";
  for (const part of format.parts) {
    const known = part.kind === "Text" ? part.text : compileTimeValue(part);
    if (known !== null) {
      text += String(known);
      continue;
    }
    if (text !== "") parts.push(jsString(text));
    parts.push(pvAccessor(ec, part as PseudoVar));
    text = "";
  }
  if (parts.length === 0) return { kind: "text", text };
  if (text !== "") parts.push(jsString(text));
  return { kind: "format", name: ec.hoist.constant("fmt", `rt.format([${parts.join(", ")}])`, format.span) };
}

/** The JS expression of the text `format` renders to now. */
export function formatExpression(ec: EmitContext, format: FormatString): string {
  const compiled = compileFormat(ec, format);
  return compiled.kind === "text" ? jsString(compiled.text) : `${compiled.name}.render(ctx)`;
}

/** A regex literal of a condition (`=~ "…"`), compiled once as a case-insensitive POSIX ERE. */
export function regexConstant(ec: EmitContext, source: string, span: Span): string {
  return ec.hoist.constant("re", `rt.regex(${jsString(source)})`, span);
}
