/**
 * The `opensips -C` route walk (spec §4.3): `route[x]` bodies are checked as REQUEST, so a
 * function legal there may still be reached through `route()` from a failure, reply, branch, …
 * block that does not allow it.
 */
import type { RouteKind } from "./ast.ts";
import { CODES } from "./check-codes.ts";
import { routeLabel, type CheckContext } from "./check-context.ts";
import type { RouteSummary } from "./check-summary.ts";

/** Sub-routes reachable from `start` through static `route()` calls and async resume routes, with how each was first reached. */
export function reachableRoutes(summaries: ReadonlyMap<string, RouteSummary>, start: RouteSummary): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  const visit = (from: RouteSummary, path: string[]) => {
    const next = [...from.callees, ...from.asyncs.map((a) => a.resume)];
    for (const name of next) {
      const target = summaries.get(name);
      if (!target || paths.has(name)) continue;
      const reached = [...path, name];
      paths.set(name, reached);
      visit(target, reached);
    }
  };
  visit(start, []);
  return paths;
}

export function checkReach(ctx: CheckContext, subroutes: ReadonlyMap<string, RouteSummary>, topLevel: readonly RouteSummary[]): void {
  const reported = new Set<string>();
  for (const top of topLevel) {
    const kind: RouteKind = top.block.routeKind;
    if (kind === "request") continue;
    const origin = routeLabel(kind, top.block.name);
    for (const [name, path] of reachableRoutes(subroutes, top)) {
      for (const { call, mode } of subroutes.get(name)!.calls) {
        const resolved = ctx.calls.get(call);
        if (mode !== "sync" || resolved?.kind !== "catalogue" || resolved.signature.routeKinds.includes(kind)) continue;
        const key = `${kind}:${call.nameSpan.file}:${call.nameSpan.line}:${call.nameSpan.column}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report(
          "warning",
          CODES.wrongRouteKindReached,
          `${call.name}() in route[${name}] cannot be used in ${routeLabel(kind, null)}, which reaches it: ${[origin, ...path.map((p) => `route[${p}]`)].join(" → ")}.`,
          call.nameSpan,
        );
      }
    }
  }
}
