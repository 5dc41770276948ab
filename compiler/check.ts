/**
 * The checker: resolves every route, module, function and variable of a parsed script against the
 * catalogue of the target OpenSIPS version and reports everything wrong in one run.
 */
import type { Script } from "./ast.ts";
import { checkBody } from "./check-body.ts";
import { CheckContext } from "./check-context.ts";
import { checkUnreachable, checkVarsAcrossAsync } from "./check-flow.ts";
import type { CheckInfo, CheckTarget } from "./check-info.ts";
import { checkGlobalParam, checkLoadModule, checkModParam } from "./check-modules.ts";
import { checkReach } from "./check-reach.ts";
import { buildRouteTable, checkRouteHeaders } from "./check-routes.ts";
import { summarize, type RouteSummary } from "./check-summary.ts";
import { sortDiagnostics, type Diagnostic } from "./diagnostics.ts";

export type { CallMode, CheckInfo, CheckTarget, ResolvedCall, RouteTable } from "./check-info.ts";

export interface CheckOptions {
  target: CheckTarget;
}

export function checkScript(script: Script, options: CheckOptions): { diagnostics: Diagnostic[]; info: CheckInfo } {
  const resumeRoutes = new Set<string>();
  const { table, diagnostics } = buildRouteTable(script, resumeRoutes);
  const ctx = new CheckContext(script, options.target, table, resumeRoutes);
  ctx.diagnostics.push(...diagnostics);
  try {
    runPasses(ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.report("error", "OSC3999", `internal checker error (please report it): ${message}`, script.span);
  }
  const info: CheckInfo = {
    target: options.target,
    loadedModules: ctx.loaded.map((m) => m.name),
    uncheckedModules: ctx.unchecked,
    routes: table,
    calls: ctx.calls,
  };
  return { diagnostics: sortDiagnostics(ctx.diagnostics), info };
}

function runPasses(ctx: CheckContext): void {
  const items = ctx.script.items;
  items.forEach((item, position) => item.kind === "LoadModule" && checkLoadModule(ctx, item, position));
  items.forEach((item, position) => {
    if (item.kind === "ModParam") checkModParam(ctx, item, position);
    else if (item.kind === "GlobalParam") checkGlobalParam(ctx, item);
  });
  checkRouteHeaders(ctx);
  const blocks = items.filter((item) => item.kind === "RouteBlock");
  for (const block of blocks) {
    checkBody(ctx, ctx.scopeOf(block));
    checkUnreachable(ctx, block.body);
  }
  const summaries = blocks.map((block) => summarize(ctx, block));
  const subroutes = new Map<string, RouteSummary>();
  for (const [name, block] of ctx.routes.byKind.request) {
    const summary = summaries.find((s) => s.block === block);
    if (name !== null && summary) subroutes.set(name, summary);
  }
  checkReach(ctx, subroutes, summaries);
  checkVarsAcrossAsync(ctx, subroutes, summaries);
}
