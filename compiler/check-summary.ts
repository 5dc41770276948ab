/**
 * What each route block does, for the passes that follow `route()` calls across blocks: the
 * routes it calls, its function calls and `async()` statements, and the `$var`s it reads and writes.
 * Call arguments are classified with the parameters the call resolved to.
 */
import type { Argument, Async, Call, PseudoVar, RouteBlock } from "./ast.ts";
import type { CheckContext } from "./check-context.ts";
import type { CallMode } from "./check-info.ts";
import { formatPvs, nestedPvs, walkBlock } from "./check-walk.ts";

export interface VarRead {
  name: string;
  pv: PseudoVar;
}

export interface RouteSummary {
  block: RouteBlock;
  /** Static `route(name)` targets. */
  callees: Set<string>;
  calls: { call: Call; mode: CallMode }[];
  asyncs: Async[];
  varReads: VarRead[];
  varWrites: Set<string>;
}

function varName(pv: PseudoVar): string | null {
  return pv.name === "var" && pv.arg?.kind === "text" ? pv.arg.text : null;
}

export function summarize(ctx: CheckContext, block: RouteBlock): RouteSummary {
  const summary: RouteSummary = { block, callees: new Set(), calls: [], asyncs: [], varReads: [], varWrites: new Set() };
  const read = (pv: PseudoVar): void => {
    const name = varName(pv);
    if (name !== null) summary.varReads.push({ name, pv });
    for (const nested of nestedPvs(pv)) read(nested);
  };
  const write = (pv: PseudoVar): void => {
    const name = varName(pv);
    if (name !== null) summary.varWrites.add(name);
    for (const nested of nestedPvs(pv)) read(nested);
  };
  walkBlock(block.body, {
    statement: (s) => {
      if (s.kind === "RouteCall" && s.target.kind === "static") summary.callees.add(s.target.name);
      if (s.kind === "Async") summary.asyncs.push(s);
    },
    call: (call, mode) => {
      summary.calls.push({ call, mode });
      for (const [pv, use] of argumentVariables(ctx, call)) (use === "write" ? write : read)(pv);
    },
    pv: (pv, use) => (use === "write" ? write : read)(pv),
    format: (format) => formatPvs(format).forEach(read),
  });
  return summary;
}

/** The variables a call reads and writes through its arguments. */
export function argumentVariables(ctx: CheckContext, call: Call): [PseudoVar, "read" | "write"][] {
  const resolved = ctx.calls.get(call);
  const found: [PseudoVar, "read" | "write"][] = [];
  call.args.forEach((arg: Argument | null, i) => {
    if (!arg || (arg.kind !== "PseudoVar" && arg.kind !== "StringLit")) return;
    const param = resolved?.kind === "catalogue" ? resolved.signature.params[i] : undefined;
    if (arg.kind === "PseudoVar") {
      // Unchecked calls may write any variable they are given; count it as both.
      if (!param) found.push([arg, "read"], [arg, "write"]);
      else found.push([arg, param.kind === "var-out" ? "write" : "read"]);
      return;
    }
    if (!param || !arg.format) return;
    const pvs = formatPvs(arg.format);
    if (param.meaning === "output-list" || param.meaning === "output-avp-list") pvs.forEach((pv) => found.push([pv, "write"]));
    else if (param.kind === "var-out" && pvs.length === 1) found.push([pvs[0]!, "write"]);
    else if (param.kind === "str" || param.kind === "var") pvs.forEach((pv) => found.push([pv, "read"]));
  });
  return found;
}
