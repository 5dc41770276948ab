/**
 * The ordering algorithms: 9 reads each active destination's load from the PV that
 * `pvar_algo_pattern` names (`%u` replaced by the destination URI, `%i` by the set id; NULL
 * counts as 0), 10 runs the `algo_route` request route once per active destination with
 * `$param(1..3)` / `$param(dst_uri|attrs|script_attrs)` and takes its return code. Destinations
 * are tried in ascending value order (equal values keep the set's order). Inactive destinations,
 * those whose value cannot be read, and — for algorithm 10 — those the route returns a negative
 * code for are not usable; with the 'd' flag the set's last destination stays last.
 */
import { runActive } from "../active.ts";
import { callRoute } from "../control.ts";
import { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { RouteFn } from "../script.ts";
import { intOf, textOf } from "../transformations/value-text.ts";
import { pvFromSpec } from "./dispatcher-pv-text.ts";
import { isActive, type Destination, type DestinationSet } from "./dispatcher-sets.ts";

export interface Ordering {
  /** Every destination of the set: the usable ones first, by value. */
  readonly order: Destination[];
  /** How many of `order` are usable. */
  readonly usable: number;
}

type Valuation = (dest: Destination) => number | null;

function ordered(set: DestinationSet, useDefault: boolean, valueOf: Valuation): Ordering {
  const candidates = useDefault ? set.dests.slice(0, -1) : set.dests;
  const valued: { dest: Destination; value: number }[] = [];
  const rest: Destination[] = [];
  for (const dest of candidates) {
    const value = isActive(dest) ? valueOf(dest) : null;
    if (value === null) rest.push(dest);
    else valued.push({ dest, value });
  }
  valued.sort((a, b) => a.value - b.value);
  const order = [...valued.map((v) => v.dest), ...rest, ...(useDefault ? set.dests.slice(-1) : [])];
  return { order, usable: valued.length };
}

/** Algorithm 9. */
export function pvarOrdering(ctx: Ctx, set: DestinationSet, pattern: string, useDefault: boolean): Ordering {
  return ordered(set, useDefault, (dest) => {
    const spec = pattern.replaceAll("%u", dest.uri).replaceAll("%i", String(set.id));
    const pv = pvFromSpec(ctx.engine.modules, spec);
    if (typeof pv === "string") {
      ctx.log(L_ERR, `ERROR:dispatcher:ds_pvar_algo: cannot parse pvar for uri ${dest.uri}: ${pv}`);
      return null;
    }
    const value = pv.get(ctx);
    if (value === null) return 0;
    const text = textOf(value)?.trim() ?? "";
    const n = intOf(value) ?? (/^[+-]?[0-9]+$/.test(text) ? Number(text) : null);
    if (n !== null) return n;
    ctx.log(L_ERR, `ERROR:dispatcher:ds_pvar_algo: invalid pvar value type - not int (${spec})`);
    return null;
  });
}

/** One run of the algo route for `dest`: its return code, null when it tried to suspend. */
function routeValue(ctx: Ctx, route: RouteFn, dest: Destination): number | null {
  const run = new Ctx(ctx.engine, ctx.worker, ctx.msgId, ctx.kind, ctx.state, ctx.transaction);
  run.eventParams = new Map([
    ["dst_uri", dest.dstUri],
    ["attrs", dest.attrs],
    ["script_attrs", dest.scriptAttrs],
  ]);
  const step = runActive(run, () => callRoute(run, route, [dest.dstUri, dest.attrs, dest.scriptAttrs]).next());
  if (step.done) return step.value;
  ctx.log(L_ERR, "ERROR:dispatcher:ds_route_algo: async() cannot be used in the algo_route");
  return null;
}

/** Algorithm 10. */
export function routeOrdering(ctx: Ctx, set: DestinationSet, route: RouteFn, useDefault: boolean): Ordering {
  return ordered(set, useDefault, (dest) => {
    const value = routeValue(ctx, route, dest);
    return value === null || value < 0 ? null : value;
  });
}
