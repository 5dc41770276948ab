/**
 * Function calls: a hoisted binding per call site (`rt.fn(name, "file:line")`) and the argument
 * list, shaped by the parameter kinds the checker resolved from the catalogue (spec §7.5): a
 * string for a format parameter is rendered, a static one passed verbatim, and an output/var
 * parameter receives the accessor itself.
 */
import type { Argument, Call } from "./ast.ts";
import { location, type EmitContext } from "./emit-context.ts";
import { jsNumber, jsString } from "./emit-literals.ts";
import { formatExpression, pvAccessor, pvValue } from "./emit-pv.ts";
import type { ParamDescriptor, ParamKind } from "../runtime/catalogue/types.ts";

/** The hoisted binding of the function `call` names, tied to its call site. */
export function bindingOf(ec: EmitContext, call: Call): string {
  return ec.hoist.constant("fn", `rt.fn(${jsString(call.name)}, ${jsString(location(call.span))})`, call.nameSpan);
}

/** `[arg, …]` as the binding receives it. */
export function argumentList(ec: EmitContext, call: Call): string {
  const params = ec.options.paramsOf(call);
  const args = call.args.map((arg, i) => argumentExpression(ec, arg, paramKind(params, i)));
  return `[${args.join(", ")}]`;
}

/** `fn0(ctx, [args])`: runs the call, giving its return code. */
export function callExpression(ec: EmitContext, call: Call): string {
  return `${bindingOf(ec, call)}(ctx, ${argumentList(ec, call)})`;
}

/** The kind of parameter `i`; extra arguments of a variadic function take the last parameter's kind. */
function paramKind(params: readonly ParamDescriptor[] | null, i: number): ParamKind {
  if (params === null || params.length === 0) return "any";
  return (params[i] ?? params[params.length - 1]!).kind;
}

function argumentExpression(ec: EmitContext, arg: Argument | null, kind: ParamKind): string {
  if (arg === null) return "undefined";
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
