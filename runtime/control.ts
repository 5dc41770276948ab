/**
 * Control flow helpers of the emitted code (spec §4.2, §5.7–§5.9, §6.5): exit/drop, return,
 * the result of an action, route calls, the while-loop guard and assert().
 */
import type { Ctx } from "./ctx.ts";
import { L_ALERT, L_CRIT, L_ERR } from "./log-level.ts";
import { runSubRun } from "./driver.ts";
import { ERROR, type Operand } from "./script-error.ts";
import type { RouteFn, RouteGen } from "./script.ts";
import { intOf, textOf } from "./transformations/value-text.ts";
import type { Value } from "./value.ts";

/** Nested route() levels OpenSIPS allows. */
const MAX_ROUTE_DEPTH = 100;

/**
 * What `callRouteByName` gives for an unknown route: the call is skipped and `$rc` keeps its
 * value (§5.7); `action` recognises it, leaves `$rc` alone and counts it as false (-1).
 */
const SKIPPED = Number.NaN;

/** `exit`: stop all processing of this message. */
export function exit(ctx: Ctx): 0 {
  ctx.exited = true;
  return 0;
}

/** `drop`: exit, and cancel the route kind's default action. */
export function drop(ctx: Ctx): 0 {
  ctx.dropped = true;
  ctx.engine.env.event({ msg: ctx.msgId, event: "drop" });
  return exit(ctx);
}

/**
 * `return code` / `return(code, v1, …)`: the code from a PV is its integer, 1 for a
 * non-integer string, -1 for NULL; 0 exits (§5.8). The values become the caller's `$return`.
 */
export function ret(ctx: Ctx, code: Value, values: readonly Operand[]): number {
  const n = typeof code === "number" ? code : code === null ? -1 : (intOf(code) ?? 1);
  ctx.pendingReturn = values.map((v) => (v === ERROR ? null : v));
  return n === 0 ? exit(ctx) : n;
}

/** The result of an action: sets `$rc`, and a 0 ends the script (§6.5). */
export function action(ctx: Ctx, code: number): number {
  if (Number.isNaN(code)) return -1;
  ctx.rc = code;
  if (code === 0) exit(ctx);
  return code;
}

/** `route(x, args…)`: runs x with its own `$param`s; the return code is x's. */
export function* callRoute(ctx: Ctx, route: RouteFn, args: readonly Value[]): RouteGen {
  if (ctx.routeStack.length >= MAX_ROUTE_DEPTH) {
    ctx.log(L_ERR, `ERROR:core:route: too many recursive route() calls (${MAX_ROUTE_DEPTH})`);
    return -1;
  }
  const { name } = ctx.engine.routeName(route);
  ctx.routeStack.push({ kind: "request", name, params: args });
  ctx.engine.env.event({ msg: ctx.msgId, event: "route", kind: "request", name });
  ctx.pendingReturn = [];
  const code = yield* route(ctx);
  ctx.routeStack.pop();
  ctx.returned = ctx.pendingReturn;
  ctx.pendingReturn = [];
  return code;
}

/** `route($var(name))` / `route("r_$var(k)")`: looked up by value; an unknown name logs and is skipped. */
export function* callRouteByName(ctx: Ctx, name: Value, args: readonly Value[]): RouteGen {
  const text = textOf(name);
  const route = text === null ? undefined : ctx.engine.script.routes.request.get(text);
  if (route === undefined) {
    ctx.log(L_ALERT, `ALERT:core:route: route "${text ?? "<null>"}" not found`);
    return SKIPPED;
  }
  return yield* callRoute(ctx, route, args);
}

/** The `while` guard: true while fewer than `max_while_loops` rounds ran; then logs and stops the loop. */
export function loopGuard(ctx: Ctx, rounds: number): boolean {
  if (rounds < ctx.engine.maxWhileLoops) return true;
  ctx.log(L_ERR, `ERROR:core:while: max_while_loops (${ctx.engine.maxWhileLoops}) reached, breaking the loop`);
  return false;
}

/**
 * `assert(cond[, "msg"])`: with enable_asserts, a false condition logs, runs error_route and
 * stops the script (returns 0); abort_on_assert ends the engine's processing the same way.
 */
export function assertion(ctx: Ctx, result: number, message: string | null, location: string): number {
  if (!ctx.engine.enableAsserts || result > 0) return 1;
  ctx.log(L_CRIT, `CRITICAL:core:assert: ASSERTION FAILED${message === null ? "" : ` - ${message}`} (${location})`);
  const errorRoute = ctx.engine.script.routes.error;
  if (errorRoute !== null && !ctx.engine.abortOnAssert) runSubRun(ctx, errorRoute, "error");
  return 0;
}
