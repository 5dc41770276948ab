/**
 * rr: record-routing and loose routing. record_route() puts this proxy's address in a
 * Record-Route (`<sip:host:port;lr;ftag=…>` plus add_rr_param's parameters) — a pending change,
 * sent with the request; record_route_preset() uses a given address instead.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { ModuleImpl } from "../functions.ts";
import { intModParam } from "./modparams.ts";
import { regexArg, regexMatches } from "./regex-arg.ts";
import { looseRoute } from "./rr-loose-route.ts";
import { rrStateOf } from "./rr-state.ts";

function ownAddress(ctx: Ctx): string {
  const socket = ctx.engine.script.sockets[0];
  const host = ctx.state.advertisedAddress ?? socket?.host ?? "127.0.0.1";
  const port = ctx.state.advertisedPort ?? String(socket?.port ?? 5060);
  const proto = socket?.proto?.toLowerCase();
  return `${host}:${port}${proto !== undefined && proto !== "udp" ? `;transport=${proto}` : ""}`;
}

/** Adds one Record-Route per address (two for a double record-route), the first one on top. */
function recordRoute(ctx: Ctx, addresses: readonly string[], extraParams: string | null): number {
  const rr = rrStateOf(ctx.state);
  if (rr.recorded) return -1;
  rr.recorded = true;
  const ftag = intModParam(ctx.engine.script, "rr", "append_fromtag", 1) !== 0 && ctx.msg.fromTag !== null ? `;ftag=${ctx.msg.fromTag}` : "";
  const extra = extraParams === null || extraParams === "" ? "" : extraParams.startsWith(";") ? extraParams : `;${extraParams}`;
  for (const address of [...addresses].reverse()) {
    const uri = address.startsWith("sip:") || address.startsWith("sips:") ? address : `sip:${address}`;
    ctx.msg.addRecordRoute(`<${uri};lr${ftag}${rr.params.join("")}${extra}>`);
  }
  return 1;
}

function addRrParam(ctx: Ctx, param: string | null): number {
  if (param === null || param === "") return -1;
  rrStateOf(ctx.state).params.push(param.startsWith(";") ? param : `;${param}`);
  return 1;
}

function checkRouteParam(ctx: Ctx, pattern: RegExp | null): number {
  const params = rrStateOf(ctx.state).ownRouteParams;
  return params !== null && regexMatches(pattern, params) ? 1 : -1;
}

/** is_direction("downstream"|"upstream"): downstream when our Route's ftag is the From-tag. */
function isDirection(ctx: Ctx, direction: string | null): number {
  const params = rrStateOf(ctx.state).ownRouteParams;
  const ftag = params === null ? null : (/;ftag=([^;]*)/i.exec(params)?.[1] ?? null);
  if (ftag === null || direction === null) return -1;
  const downstream = ftag === ctx.msg.fromTag;
  return (direction.toLowerCase() === "downstream") === downstream ? 1 : -1;
}

export const rr: ModuleImpl = {
  name: "rr",
  functions: new Map([
    ["record_route", { call: (ctx, [params]) => recordRoute(ctx, [ownAddress(ctx)], textArg(params)) }],
    [
      "record_route_preset",
      {
        call: (ctx, [first, second]) => {
          const addresses = [textArg(first), textArg(second)].filter((a): a is string => a !== null && a !== "");
          return addresses.length === 0 ? -1 : recordRoute(ctx, addresses, null);
        },
      },
    ],
    ["loose_route", { call: (ctx) => looseRoute(ctx) }],
    ["add_rr_param", { call: (ctx, [param]) => addRrParam(ctx, textArg(param)) }],
    ["check_route_param", { call: (ctx, [pattern]) => checkRouteParam(ctx, regexArg(pattern)) }],
    ["is_direction", { call: (ctx, [direction]) => isDirection(ctx, textArg(direction)) }],
  ]),
};
