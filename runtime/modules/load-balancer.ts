/**
 * load_balancer (OpenSIPS 3.6): routing calls to the destination with the most free capacity for
 * the resources they need, from the `load_balancer` table (load-balancer-state.ts). Calls are
 * counted as dialogs in per-resource dialog profiles (load-balancer-profiles.ts), so a call that
 * ends frees its slot. lb_start / lb_next / lb_start_or_next (alias load_balance) pick
 * (load-balancer-route.ts), lb_reset / lb_disable_dst end the session or its destination
 * (load-balancer-control.ts), lb_is_started reads the session, lb_is_destination and
 * lb_count_call look destinations up by address (load-balancer-lookup.ts). Not done offline:
 * OPTIONS probing (and the re-enabling it brings), FreeSWITCH-fed capacities, blacklists,
 * clustering, DNS resolution of destination hostnames, and the MI commands.
 */
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { disableDestination, resetSession } from "./load-balancer-control.ts";
import { countCallAt, isDestination, type AddressQuery } from "./load-balancer-lookup.ts";
import { parseResourceList } from "./load-balancer-resources.ts";
import { lbRoute, type RouteOutcome, type RouteRequest } from "./load-balancer-route.ts";
import { parseAlgorithmFlags } from "./load-balancer-select.ts";
import { isStarted } from "./load-balancer-session.ts";
import { loadBalancerFor, MODULE, type LoadBalancer } from "./load-balancer-state.ts";

/** A function that needs the loaded table; -1 when the module cannot work. */
function withTable(fn: string, body: (ctx: Ctx, args: readonly Arg[], lb: LoadBalancer) => number): FunctionImpl {
  return {
    call(ctx, args) {
      const lb = loadBalancerFor(ctx, fn);
      return lb === null ? -1 : body(ctx, args, lb);
    },
  };
}

/** An integer argument; `fallback` for an empty optional slot; null (logged) when not an integer. */
function intParam(ctx: Ctx, arg: Arg, fn: string, what: string, fallback?: number): number | null {
  const n = arg === undefined && fallback !== undefined ? fallback : intArg(arg);
  if (n === null) ctx.log(L_ERR, `ERROR:${MODULE}:${fn}: the ${what} argument is not an integer`);
  return n;
}

/** The resource names a function asks for; null (logged) when the list is invalid. */
function resourceNames(ctx: Ctx, arg: Arg): string[] | null {
  const text = textArg(arg) ?? "";
  const parsed = parseResourceList(text, false);
  if (typeof parsed !== "string") return parsed.map((r) => r.name);
  ctx.log(L_ERR, `ERROR:${MODULE}:fixup_resources: invalid parameter ${text} (${parsed})`);
  return null;
}

/** Runs a pick and writes the attributes output (set even when nothing was picked, as in OpenSIPS). */
function pick(ctx: Ctx, lb: LoadBalancer, request: RouteRequest, attrsArg: Arg): number {
  const outcome: RouteOutcome = lbRoute(ctx, lb, request);
  pvArg(attrsArg)?.assign(ctx, "=", outcome.attrs);
  return outcome.code;
}

function start(ctx: Ctx, [groupArg, resourcesArg, flagsArg, attrsArg]: readonly Arg[], lb: LoadBalancer, fn: string): number {
  const group = intParam(ctx, groupArg, fn, "group");
  const resources = resourceNames(ctx, resourcesArg);
  if (group === null || resources === null) return -1;
  return pick(ctx, lb, { kind: "start", group, resources, flags: parseAlgorithmFlags(textArg(flagsArg) ?? "") }, attrsArg);
}

function startOrNext(fn: string): FunctionImpl {
  return withTable(fn, (ctx, args, lb) => (isStarted(ctx.state.avps) ? pick(ctx, lb, { kind: "next" }, args[3]) : start(ctx, args, lb, fn)));
}

/** The address arguments of lb_is_destination / lb_count_call; null (logged) when one is not an integer. */
function addressQuery(ctx: Ctx, [ipArg, portArg, groupArg]: readonly Arg[], fn: string): AddressQuery | null {
  const port = intParam(ctx, portArg, fn, "port");
  const group = intParam(ctx, groupArg, fn, "group", -1);
  return port === null || group === null ? null : { ip: textArg(ipArg) ?? "", port, group };
}

const isDestinationFn = withTable("lb_is_destination", (ctx, args, lb) => {
  const query = addressQuery(ctx, args, "lb_is_destination");
  const active = intParam(ctx, args[3], "lb_is_destination", "active", 0);
  if (query === null || active === null) return -1;
  const attrs = isDestination(ctx, lb.data, query, active !== 0);
  pvArg(args[4])?.assign(ctx, "=", attrs ?? "");
  return attrs === null ? -1 : 1;
});

const countCallFn = withTable("lb_count_call", (ctx, args, lb) => {
  const query = addressQuery(ctx, args, "lb_count_call");
  const resources = resourceNames(ctx, args[3]);
  const undo = intParam(ctx, args[4], "lb_count_call", "undo", 0);
  if (query === null || resources === null || undo === null) return -1;
  return countCallAt(ctx, lb.data, query, resources, undo !== 0);
});

export const loadBalancer: ModuleImpl = {
  name: MODULE,
  functions: new Map<string, FunctionImpl>([
    ["lb_start", withTable("lb_start", (ctx, args, lb) => start(ctx, args, lb, "lb_start"))],
    ["lb_next", withTable("lb_next", (ctx, [attrsArg], lb) => pick(ctx, lb, { kind: "next" }, attrsArg))],
    ["lb_start_or_next", startOrNext("lb_start_or_next")],
    ["load_balance", startOrNext("load_balance")],
    ["lb_reset", withTable("lb_reset", (ctx, _args, lb) => resetSession(ctx, lb))],
    ["lb_is_started", { call: (ctx) => (isStarted(ctx.state.avps) ? 1 : -1) }],
    ["lb_disable_dst", withTable("lb_disable_dst", (ctx, _args, lb) => disableDestination(ctx, lb))],
    ["lb_is_destination", isDestinationFn],
    ["lb_count_call", countCallFn],
  ]),
};
