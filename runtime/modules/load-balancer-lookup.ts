/**
 * The functions that look destinations up by address (lb_data.c): lb_is_destination (is an IP and
 * port one of the destinations, of a group, enabled?) and lb_count_call (count a call that did not
 * go through lb_start, or with `undo` stop counting it, against the destination at an address). A
 * destination's address is its URI's IP and port (5060/5061 when the URI has none); port 0 matches
 * any. Hostnames are not resolved, so a destination provisioned by name never matches.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { formatIp, parseIp, samePrefix } from "../transformations/ip-address.ts";
import { ensureDialog } from "./dialog.ts";
import { requestedResources, type LbData, type LbDestination } from "./load-balancer-data.ts";
import { countCall, uncountCall } from "./load-balancer-profiles.ts";

export interface AddressQuery {
  readonly ip: string;
  readonly port: number;
  /** -1: any group. */
  readonly group: number;
}

function hasAddress(destination: LbDestination, ip: Uint8Array, port: number): boolean {
  const own = destination.ip;
  return own !== null && (port === 0 || destination.port === port) && own.length === ip.length && samePrefix(own, ip, ip.length * 8);
}

function parsedIp(ctx: Ctx, text: string, fn: string): Uint8Array | null {
  const ip = parseIp(text);
  if (ip === null) ctx.log(L_ERR, `ERROR:load_balancer:${fn}: IP val is not IP <${text}>`);
  return ip;
}

function matching(data: LbData, ip: Uint8Array, query: AddressQuery, activeOnly: boolean): LbDestination | null {
  const inGroup = (d: LbDestination): boolean => query.group === -1 || d.group === query.group;
  return data.destinations.find((d) => inGroup(d) && !(activeOnly && d.disabled) && hasAddress(d, ip, query.port)) ?? null;
}

/** lb_is_destination: the first matching destination's attributes; null when none matches. */
export function isDestination(ctx: Ctx, data: LbData, query: AddressQuery, activeOnly: boolean): string | null {
  const ip = parsedIp(ctx, query.ip, "lb_is_dst");
  return ip === null ? null : (matching(data, ip, query, activeOnly)?.attrs ?? null);
}

/** lb_count_call: 1 when the call (its dialog, created when needed) was counted or uncounted; -1 otherwise. */
export function countCallAt(ctx: Ctx, data: LbData, query: AddressQuery, resourceNames: readonly string[], undo: boolean): number {
  const ip = parsedIp(ctx, query.ip, "w_lb_count_call");
  if (ip === null) return -1;
  const destination = matching(data, ip, query, false);
  if (destination === null) {
    ctx.log(L_ERR, `ERROR:load_balancer:lb_count_call: no destination to match the given IP and port (${formatIp(ip)}:${query.port})`);
    return -1;
  }
  const resources = requestedResources(data, resourceNames);
  if (resources === null) {
    ctx.log(L_ERR, "ERROR:load_balancer:lb_count_call: unknown resource in input string");
    return -1;
  }
  const dialog = ensureDialog(ctx);
  if (dialog === null) {
    ctx.log(L_ERR, "ERROR:load_balancer:lb_count_call: failed to create dialog");
    return -1;
  }
  if (!undo) countCall(dialog, destination, resources);
  else if (uncountCall(dialog, destination, resources).length > 0) ctx.log(L_ERR, "ERROR:load_balancer:lb_count_call: failed to remove from profile");
  return 1;
}
