/**
 * A rule's script route (dr_rules.routeid): the request route of that name runs on the message
 * when the rule matches, as a top-level run of its own (its `exit` ends only it). If it `drop`s,
 * the routing fails. An unknown route name is ignored, as OpenSIPS ignores it.
 */
import { runActive } from "../active.ts";
import { callRoute } from "../control.ts";
import { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";

/** Runs the route `name`; false when it dropped the routing. */
export function runRuleRoute(ctx: Ctx, name: string): boolean {
  const route = ctx.engine.script.routes.request.get(name);
  if (route === undefined) return true;
  const run = new Ctx(ctx.engine, ctx.worker, ctx.msgId, ctx.kind, ctx.state, ctx.transaction);
  const step = runActive(run, () => callRoute(run, route, []).next());
  if (!step.done) ctx.log(L_ERR, `ERROR:drouting:do_routing: async() cannot be used in the rule route "${name}"`);
  return !run.dropped;
}
