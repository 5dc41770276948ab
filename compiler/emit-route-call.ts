/** `route(x, args…)`: a static call is `yield*` of the route's generator, a dynamic one a lookup by value. */
import type { NullLit, NumberLit, PseudoVar, RouteCall, RouteKind, StringLit } from "./ast.ts";
import type { EmitContext } from "./emit-context.ts";
import { jsNumber, jsString } from "./emit-literals.ts";
import { compileFormat, pvValue } from "./emit-pv.ts";
import { traced } from "./emit-trace.ts";

/** The function identifier of route `name` of `kind`, or null when the script has no such route. */
export function routeFunction(ec: EmitContext, kind: RouteKind, name: string): string | null {
  return ec.routeNames.get(kind)?.get(name) ?? null;
}

/** `yield* rt.callRoute(…)`: the callee's return code once it (and everything it called) finished. */
export function routeCallExpression(ec: EmitContext, call: RouteCall): string {
  const target = call.target;
  const traceName = target.kind === "static" ? target.name : "<dynamic>";
  return traced(ec, call.span, "route", traceName, untracedRouteCall(ec, call));
}

function untracedRouteCall(ec: EmitContext, call: RouteCall): string {
  const args = `[${call.args.map((a) => routeArgument(ec, a)).join(", ")}]`;
  const target = call.target;
  let name: string;
  if (target.kind === "static") name = target.name;
  else if (target.kind === "pv") return `yield* rt.callRouteByName(ctx, ${pvValue(ec, target.pv)}, ${args})`;
  else {
    const format = compileFormat(ec, target.format);
    if (format.kind === "format") return `yield* rt.callRouteByName(ctx, ${format.name}.render(ctx), ${args})`;
    name = format.text;
  }
  const fn = routeFunction(ec, "request", name);
  return fn === null
    ? `yield* rt.callRouteByName(ctx, ${jsString(name)}, ${args})`
    : `yield* rt.callRoute(ctx, ${fn}, ${args})`;
}

/** Arguments are captured by value; string literals verbatim, never PV-expanded (spec §5.7). */
function routeArgument(ec: EmitContext, arg: StringLit | NumberLit | PseudoVar | NullLit): string {
  switch (arg.kind) {
    case "StringLit":
      return jsString(arg.value);
    case "NumberLit":
      return jsNumber(arg.value);
    case "NullLit":
      return "null";
    case "PseudoVar":
      return pvValue(ec, arg);
  }
}
