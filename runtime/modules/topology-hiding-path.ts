/**
 * The path headers topology hiding takes out and puts back (th_common_logic.c, th_no_dlg_logic.c):
 * - a request leaves with no Via but the proxy's own (tm adds it) and no Record-Route, received
 *   or added by record_route();
 * - a reply goes upstream with the Vias of the request it answers instead of its own (the top one
 *   with `received`/`rport` when the request asked for rport or force_rport() was used) and, for
 *   the initial request's replies, the request's Record-Routes instead of its own;
 * - a sequential request is sent to the hidden side's Contact through its route set.
 */
import type { Ctx } from "../ctx.ts";
import type { Peer } from "../env/types.ts";
import type { MessageView } from "../sip/message-view.ts";
import type { SipMessage } from "../sip/message.ts";
import { parseNameAddr } from "../sip/name-addr.ts";
import { paramValue } from "../sip/params.ts";
import { splitHeaderList } from "../sip/scan.ts";
import { parseUri } from "../sip/uri.ts";
import { formatVia, parseVia } from "../sip/via.ts";

export function stripPath(msg: SipMessage): void {
  msg.removeHeaders("via");
  msg.removeHeaders("record-route");
  msg.dropAddedRecordRoutes();
}

/** The Record-Route entries of `msg` as received, comma-separated (print_rr_body); `reversed` for the route set a reply gives. */
export function recordRouteSet(msg: MessageView, reversed: boolean): string {
  const entries = msg.headerListValues("record-route");
  return (reversed ? entries.reverse() : entries).join(",");
}

function restampedVia(value: string, source: Peer): string {
  const [first = "", ...others] = splitHeaderList(value);
  const via = parseVia(first);
  if (via === null) return value;
  const kept = via.params.filter((p) => !/^(received|rport)$/i.test(p.name));
  const top = formatVia({ ...via, params: [{ name: "received", value: source.ip }, { name: "rport", value: String(source.port) }, ...kept] });
  return [top, ...others].join(", ");
}

/** The request's Via fields as they go back in a reply to `source` (restore_vias_from_req). */
function requestVias(request: MessageView, source: Peer, forceRport: boolean): string {
  const fields = request.headerFields.filter((f) => f.is("via"));
  const top = request.topVia;
  const stamp = forceRport || (top !== null && paramValue(top.params, "rport") !== undefined);
  return fields.map((f, i) => (stamp && i === 0 ? `${f.name}: ${restampedVia(f.value, source)}\r\n` : f.raw)).join("");
}

/** Hides the path of a reply relayed upstream for `request`; `recordRoutes` (comma-separated) are added after the Vias. */
export function restorePath(reply: SipMessage, request: MessageView, source: Peer, forceRport: boolean, recordRoutes: string): void {
  reply.removeHeaders("via");
  reply.removeHeaders("record-route");
  const routes = recordRoutes === "" ? "" : `Record-Route: ${recordRoutes}\r\n`;
  reply.insertHeader(requestVias(request, source, forceRport) + routes);
}

export type RouteOutcome = { readonly error: string } | { readonly routeSet: string };

/**
 * Sends a sequential request to `target` through `routes` (comma-separated): with a loose router
 * first, `target` becomes the Request-URI, the routes the Route set and the first one `$du`; with
 * a strict router first, it becomes the Request-URI and `target` the last Route. The received
 * Routes go. Returns the Route set sent, or why nothing was changed.
 */
export function routeThrough(ctx: Ctx, target: string, routes: string): RouteOutcome {
  const entries = routes === "" ? [] : splitHeaderList(routes);
  const first = entries.length === 0 ? null : parseNameAddr(entries[0]!);
  const firstUri = first === null ? null : parseUri(first.uri);
  if (entries.length > 0 && firstUri === null) return { error: `failed parsing route set <${routes}>` };
  if (target !== "" && parseUri(target) === null) return { error: `bad target URI <${target}>` };
  const strict = firstUri !== null && paramValue(firstUri.params, "lr") === undefined;
  ctx.state.dstUri = null;
  ctx.msg.removeHeaders("route");
  if (first === null || !strict) {
    if (target !== "") ctx.msg.setRuri(target);
    if (first === null) return { routeSet: "" };
    ctx.msg.insertHeader(`Route: ${routes}\r\n`);
    ctx.state.dstUri = first.uri;
    return { routeSet: routes };
  }
  ctx.msg.setRuri(first.uri);
  const rest = entries.slice(1).join(",");
  if (rest !== "") ctx.msg.insertHeader(`Route: ${rest}\r\n`);
  if (target !== "") ctx.msg.insertHeader(`Route: <${target}>\r\n`);
  return { routeSet: rest };
}
