/**
 * Control-flow warnings: statements after `async()`, `exit`, `drop` or `return` that never run,
 * and `$var`s a resume route reads although they were set before the suspend (spec §10.2).
 */
import type { Block, Span, Statement } from "./ast.ts";
import { CODES } from "./check-codes.ts";
import { routeLabel, type CheckContext } from "./check-context.ts";
import { argumentVariables, type RouteSummary } from "./check-summary.ts";
import { walkBlock } from "./check-walk.ts";

const ENDINGS: Partial<Record<Statement["kind"], string>> = {
  Async: "async() above ends the script here (the resume route continues it)",
  Exit: "exit above ends the script",
  Drop: "drop above ends the script",
  Return: "return above leaves the route",
};

export function checkUnreachable(ctx: CheckContext, body: Block): void {
  checkStatementList(ctx, body.statements);
  walkBlock(body, {
    statement: (s) => {
      if (s.kind === "If") {
        checkStatementList(ctx, s.then.statements);
        if (s.else) checkStatementList(ctx, s.else.statements);
      } else if (s.kind === "While" || s.kind === "ForEach") {
        checkStatementList(ctx, s.body.statements);
      } else if (s.kind === "Switch") {
        for (const c of s.cases) checkStatementList(ctx, c.statements);
      }
    },
  });
}

function checkStatementList(ctx: CheckContext, statements: readonly Statement[]): void {
  const end = statements.findIndex((s) => ENDINGS[s.kind]);
  if (end < 0) return;
  // A `break;` after `return;` in a switch case and stray `;` are harmless.
  const dead = statements.slice(end + 1).filter((s) => s.kind !== "Empty" && s.kind !== "Break");
  if (dead.length === 0) return;
  const span: Span = { ...dead[0]!.span, endLine: dead.at(-1)!.span.endLine, endColumn: dead.at(-1)!.span.endColumn };
  ctx.report("warning", CODES.unreachable, `this code never runs: the ${ENDINGS[statements[end]!.kind]}.`, span);
}

/** Every route reachable from `summary` (itself included) through static `route()` calls. */
function callClosure(summaries: ReadonlyMap<string, RouteSummary>, summary: RouteSummary): RouteSummary[] {
  const seen = new Set<RouteSummary>([summary]);
  const queue = [summary];
  while (queue.length > 0) {
    for (const name of queue.pop()!.callees) {
      const next = summaries.get(name);
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
}

/**
 * For each `async(f(…), r)`: `$var`s read in `r` (or routes it calls) that `r` never sets, but the
 * suspending chain set before the suspend, and that `f` does not write.
 */
export function checkVarsAcrossAsync(ctx: CheckContext, subroutes: ReadonlyMap<string, RouteSummary>, all: readonly RouteSummary[]): void {
  const reported = new Set<string>();
  for (const suspending of all) {
    if (suspending.asyncs.length === 0) continue;
    const callers = all.filter((s) => callClosure(subroutes, s).includes(suspending));
    const chainWrites = new Set(callers.flatMap((c) => callClosure(subroutes, c)).flatMap((s) => [...s.varWrites]));
    for (const async of suspending.asyncs) {
      const resume = subroutes.get(async.resume);
      if (!resume) continue;
      const outputs = new Set(argumentVariables(ctx, async.call).filter(([, use]) => use === "write").map(([pv]) => (pv.arg?.kind === "text" ? pv.arg.text : "")));
      const resumeRoutes = callClosure(subroutes, resume);
      const resumeWrites = new Set(resumeRoutes.flatMap((s) => [...s.varWrites]));
      for (const { name, pv } of resumeRoutes.flatMap((s) => s.varReads)) {
        if (resumeWrites.has(name) || outputs.has(name) || !chainWrites.has(name)) continue;
        const key = `${pv.span.file}:${pv.span.line}:${pv.span.column}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report(
          "warning",
          CODES.varAcrossAsync,
          `$var(${name}) is read after async() resumes in route[${async.resume}] but was only set before async() suspended in ${routeLabel(suspending.block.routeKind, suspending.block.name)}; ` +
            `$vars are per worker and not kept with the transaction, so it may hold another message's value here; store it in an AVP ($avp(${name})) instead.`,
          pv.span,
        );
      }
    }
  }
}
