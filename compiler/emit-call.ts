/**
 * Function calls: a hoisted binding per call site (`rt.fn(name, "file:line")`) and the argument
 * list, shaped by the parameter kinds the checker resolved from the catalogue (spec §7.5): a
 * string for a format parameter is rendered, a static one passed verbatim, and an output/var
 * parameter receives the accessor itself.
 */
import type { Argument, Call, PseudoVar, StringLit } from "./ast.ts";
import { location, type EmitContext } from "./emit-context.ts";
import { jsNumber, jsString } from "./emit-literals.ts";
import { compileFormat, formatExpression, pvAccessor, pvValue } from "./emit-pv.ts";
import { traced } from "./emit-trace.ts";
import { pvText } from "./check-pv.ts";
import type { ParamDescriptor, ParamKind } from "../runtime/catalogue/types.ts";

/** The hoisted binding of the function `call` names, tied to its call site. */
export function bindingOf(ec: EmitContext, call: Call): string {
  return ec.hoist.constant("fn", `rt.fn(${jsString(call.name)}, ${jsString(location(call.span))})`, call.nameSpan);
}

/** `[arg, …]` as the binding receives it. */
export function argumentList(ec: EmitContext, call: Call): string {
  const params = ec.options.paramsOf(call);
  const args = call.args.map((arg, i) => argumentExpression(ec, arg, paramAt(params, i)));
  return `[${args.join(", ")}]`;
}

/** `fn0(ctx, [args])`: runs the call, giving its return code. */
export function callExpression(ec: EmitContext, call: Call): string {
  const actionClass = (ec.options.moduleOf?.(call) ?? "core") === "core" ? "core" : "module";
  return traced(ec, call.span, actionClass, call.name, `${bindingOf(ec, call)}(ctx, ${argumentList(ec, call)})`);
}

/** Parameter `i`; extra arguments of a variadic function take the last parameter's. */
function paramAt(params: readonly ParamDescriptor[] | null, i: number): ParamDescriptor | null {
  if (params === null || params.length === 0) return null;
  return params[i] ?? params[params.length - 1]!;
}

function argumentExpression(ec: EmitContext, arg: Argument | null, param: ParamDescriptor | null): string {
  if (arg === null) return "undefined";
  if (param?.meaning === "format" && (arg.kind === "StringLit" || arg.kind === "PseudoVar")) return keptFormat(ec, arg);
  const kind: ParamKind = param?.kind ?? "any";
  switch (arg.kind) {
    case "NumberLit":
      return jsNumber(arg.value);
    case "Word":
      return jsString(arg.text);
    case "StringLit":
      return kind === "str" && arg.format !== undefined ? formatExpression(ec, arg.format) : jsString(arg.value);
    case "PseudoVar":
      return kind === "var" || kind === "var-out" ? pvAccessor(ec, arg) : pvValue(ec, arg);
  }
}

/** A format the function renders itself when it needs it: a hoisted read-only accessor. */
function keptFormat(ec: EmitContext, arg: StringLit | PseudoVar): string {
  const spec = arg.kind === "StringLit" ? arg.value : pvText(arg);
  return ec.hoist.constant("pv", `rt.pv.formatted(${jsString(spec)}, ${formatObject(ec, arg)})`, arg.span);
}

function formatObject(ec: EmitContext, arg: StringLit | PseudoVar): string {
  if (arg.kind === "PseudoVar") return `rt.format([${pvAccessor(ec, arg)}])`;
  const compiled = arg.format === undefined ? null : compileFormat(ec, arg.format);
  if (compiled?.kind === "format") return compiled.name;
  return `rt.format([${jsString(compiled?.text ?? arg.value)}])`;
}
