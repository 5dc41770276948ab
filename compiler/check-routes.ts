/** Route blocks: the route table, duplicates, and every reference to a route by name (spec §4.1, §10). */
import type { RouteBlock, RouteKind, Script, Span } from "./ast.ts";
import { CODES } from "./check-codes.ts";
import { routeLabel, type CheckContext } from "./check-context.ts";
import type { RouteTable } from "./check-info.ts";
import { diagnostic, type Diagnostic } from "./diagnostics.ts";
import { ROUTE_KINDS } from "../runtime/catalogue/types.ts";

/** Builds the route table; duplicates are reported and the first definition is kept. */
export function buildRouteTable(script: Script, resumeRoutes: ReadonlySet<string>): { table: RouteTable; diagnostics: Diagnostic[] } {
  const byKind = Object.fromEntries(ROUTE_KINDS.map((k) => [k, new Map<string | null, RouteBlock>()])) as Record<RouteKind, Map<string | null, RouteBlock>>;
  const timers: RouteBlock[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const item of script.items) {
    if (item.kind !== "RouteBlock") continue;
    if (item.routeKind === "timer") {
      timers.push(item);
      continue;
    }
    const routes = byKind[item.routeKind];
    const first = routes.get(item.name);
    if (first) {
      const label = routeLabel(item.routeKind, item.name);
      diagnostics.push(
        diagnostic(
          "error",
          CODES.duplicateRoute,
          `${label} is defined twice (first at ${first.span.file}:${first.span.line}); rename or merge one of them.`,
          item.nameSpan ?? item.span,
        ),
      );
    } else {
      routes.set(item.name, item);
    }
  }
  return { table: { byKind, timers, resumeRoutes }, diagnostics };
}

/** `onreply_route[0]` is an ordinary named route in 3.x, not the global reply route (spec §4.1, §15.10). */
export function checkRouteHeaders(ctx: CheckContext): void {
  if (!ctx.isV3) return;
  for (const block of ctx.routes.byKind.onreply.values()) {
    if (block.name === "0") {
      ctx.report(
        "warning",
        CODES.onreplyRouteZero,
        "onreply_route[0] is an ordinary reply route named \"0\" in OpenSIPS 3.x and does not run for every reply; write onreply_route without a name for the global one.",
        block.nameSpan ?? block.span,
      );
    }
  }
}

function findRoute(ctx: CheckContext, kind: RouteKind, name: string): RouteBlock | undefined {
  if (kind === "timer") return ctx.routes.timers.find((t) => t.name === name);
  return ctx.routes.byKind[kind].get(kind === "request" && name === "0" ? null : name);
}

function otherKindsNamed(ctx: CheckContext, name: string, except: RouteKind): RouteKind[] {
  return ROUTE_KINDS.filter((k) => k !== except && findRoute(ctx, k, name));
}

/** A route named by a function argument (`t_on_failure("x")` → `failure_route[x]`). */
export function checkRouteName(ctx: CheckContext, kind: RouteKind, name: string, span: Span, user: string): void {
  if (findRoute(ctx, kind, name)) return;
  const others = otherKindsNamed(ctx, name, kind);
  const note = others.length > 0 ? ` (${others.map((k) => routeLabel(k, name)).join(", ")} is another kind of route)` : "";
  ctx.report("error", CODES.unknownArmedRoute, `${user} names ${routeLabel(kind, name)}, which is not defined${note}; define it or fix the name.`, span);
}

/** `route(name)`: only `route[...]` blocks can be called. */
export function checkRouteCallTarget(ctx: CheckContext, name: string, span: Span): void {
  if (findRoute(ctx, "request", name)) return;
  const others = otherKindsNamed(ctx, name, "request");
  const note = others.length > 0 ? `; ${routeLabel(others[0]!, name)} exists, but route() only calls route[...] blocks` : `; define route[${name}]`;
  ctx.report("error", CODES.unknownRoute, `route(${name}) calls an undefined route${note}.`, span);
}

/** The resume route of `async()` or the report route of `launch()`: a plain `route[name]`. */
export function checkResumeRoute(ctx: CheckContext, name: string, span: Span, statement: "async" | "launch"): void {
  const role = statement === "async" ? "resume" : "report";
  if (name === "0") {
    ctx.report("error", CODES.resumeNotPlainRoute, `the ${role} route of ${statement}() must be a named route[...], not the main route.`, span);
    return;
  }
  if (findRoute(ctx, "request", name)) return;
  const others = otherKindsNamed(ctx, name, "request");
  if (others.length > 0) {
    ctx.report(
      "error",
      CODES.resumeNotPlainRoute,
      `the ${role} route of ${statement}() must be a plain route[${name}]; ${routeLabel(others[0]!, name)} is another kind of route.`,
      span,
    );
  } else if (statement === "async") {
    ctx.report("error", CODES.unknownResumeRoute, `async() resumes in route[${name}], which is not defined; OpenSIPS 3.6.8 crashes on a missing resume route, so define it.`, span);
  } else {
    ctx.report("error", CODES.unknownReportRoute, `launch() reports to route[${name}], which is not defined; define it or fix the name.`, span);
  }
}
