/**
 * rr's callback API (register_rrcb in OpenSIPS): other modules ask to be told the parameters of
 * the Route entry loose_route consumed for this proxy (`;lr;received=…`), after loose_route has
 * set the next hop — path's `use_received` rewrites `$du` that way. Callbacks are per engine.
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";

export type RrCallback = (ctx: Ctx, routeParams: string) => void;

const CALLBACKS_KEY = "rr:callbacks";

function callbacksOf(engine: EngineCore): RrCallback[] {
  let found = engine.moduleData.get(CALLBACKS_KEY) as RrCallback[] | undefined;
  if (found === undefined) {
    found = [];
    engine.moduleData.set(CALLBACKS_KEY, found);
  }
  return found;
}

export function registerRrCallback(engine: EngineCore, callback: RrCallback): void {
  callbacksOf(engine).push(callback);
}

/** Runs the callbacks in registration order when there are parameters (OpenSIPS skips an empty list). */
export function runRrCallbacks(ctx: Ctx, routeParams: string): void {
  if (routeParams === "") return;
  for (const callback of callbacksOf(ctx.engine)) callback(ctx, routeParams);
}
