/**
 * loose_route() (RFC 3261 §16.4, §16.12): routes a request by its Route set. When the first
 * Route is this proxy (strict-router case aside) it is removed and its parameters kept; the next
 * Route, if any, becomes the destination (`$du`, or the Request-URI when it is a strict router
 * without `;lr`). When the Request-URI itself is this proxy, the previous hop was a strict router:
 * the last Route becomes the Request-URI. Returns 1 when the request was routed by its Route
 * headers, -1 when it has none.
 */
import type { Ctx } from "../ctx.ts";
import { isMyself } from "../myself.ts";
import { parseNameAddr, type NameAddr } from "../sip/name-addr.ts";
import { formatParams, paramValue } from "../sip/params.ts";
import { parseUri } from "../sip/uri.ts";
import { runRrCallbacks } from "./rr-callbacks.ts";
import { rrStateOf } from "./rr-state.ts";

export function looseRoute(ctx: Ctx): number {
  const code = routeByRouteSet(ctx);
  const ownParams = rrStateOf(ctx.state).ownRouteParams;
  if (code > 0 && ownParams !== null) runRrCallbacks(ctx, ownParams);
  return code;
}

function routeByRouteSet(ctx: Ctx): number {
  const routes = ctx.msg.headerListValues("route").map(parseNameAddr);
  if (routes.length === 0 || routes.some((r) => r === null)) return -1;
  const set = routes as NameAddr[];
  const ruri = ctx.msg.ruri;
  if (ruri !== null && isMyself(ctx.engine, ruri) && !isMyself(ctx.engine, set[0]!.uri)) {
    return afterStrictRouter(ctx, set);
  }
  let next = set;
  if (isMyself(ctx.engine, set[0]!.uri)) {
    rrStateOf(ctx.state).ownRouteParams = uriParams(set[0]!.uri);
    next = set.slice(1);
    rewriteRouteSet(ctx, next);
  }
  if (next.length === 0) return 1;
  const hop = next[0]!.uri;
  const uri = parseUri(hop);
  if (uri !== null && paramValue(uri.params, "lr") === undefined) {
    ctx.msg.setRuri(hop);
    rewriteRouteSet(ctx, [...next.slice(1), { display: null, uri: ruri ?? hop, params: [] }]);
    return 1;
  }
  ctx.state.dstUri = hop;
  return 1;
}

/** The Request-URI is our Record-Route (the previous hop strict-routed): the last Route is the real target. */
function afterStrictRouter(ctx: Ctx, set: NameAddr[]): number {
  rrStateOf(ctx.state).ownRouteParams = uriParams(ctx.msg.ruri ?? "");
  ctx.msg.setRuri(set[set.length - 1]!.uri);
  rewriteRouteSet(ctx, set.slice(0, -1));
  return 1;
}

/** Replaces the Route headers (a pending change, as OpenSIPS's lumps) with `routes`. */
function rewriteRouteSet(ctx: Ctx, routes: readonly NameAddr[]): void {
  ctx.msg.removeHeaders("route");
  if (routes.length === 0) return;
  const value = routes.map((r) => `<${r.uri}>`).join(", ");
  if (!ctx.msg.insertHeaderBefore(`Route: ${value}\r\n`, "route")) ctx.msg.appendHeader(`Route: ${value}\r\n`);
}

/** `;lr;ftag=x`: the parameters of a URI, with their leading `;`. */
function uriParams(uri: string): string {
  const parsed = parseUri(uri);
  return parsed === null ? "" : formatParams(parsed.params);
}
