/**
 * Is an address one of the gateways (drouting.c `_is_dr_gw`)? is_from_gw asks it of the
 * message's source, goes_to_gw of its next hop (`$du`, else the R-URI), dr_is_gw of a URI. The
 * first gateway (in id order) of the type (-1: any) with that IP and port (the 'n' flag: any
 * port; 'r': the same transport too) matches; its flags then apply: 's' strips and 'p' prefixes
 * the R-URI user (the prefix also goes to `gw_priprefix_avp`), 'i' pushes its id to `gw_id_avp`,
 * 'c' adds the id of the first carrier holding it to `carrier_id_avp`. The outputs get the
 * gateway's attributes and that carrier's ("" when none). Host names are not resolved.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { parseUri } from "../sip/uri.ts";
import { carrierOf, type Gateway, type GatewayAddress } from "./drouting-data.ts";
import { GW_CARRIER_ID, GW_ID, GW_IGNORE_PORT, GW_PREFIX, GW_PROTOCOL, GW_STRIP } from "./drouting-flags.ts";
import { uriAddress } from "./drouting-gateway-address.ts";
import { notePartition, type Drouting, type Partition } from "./drouting-state.ts";
import type { AttrOutputs } from "./drouting-usage.ts";

export interface GatewayQuery {
  readonly address: GatewayAddress;
  /** -1 for any type. */
  readonly type: number;
  readonly flags: number;
  readonly outputs: AttrOutputs;
}

const sameIp = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

function matches(gateway: Gateway, query: GatewayQuery): boolean {
  const own = gateway.address;
  if (own === null || (query.type >= 0 && gateway.type !== query.type) || !sameIp(own.ip, query.address.ip)) return false;
  if ((query.flags & GW_IGNORE_PORT) === 0 && own.port !== query.address.port) return false;
  return (query.flags & GW_PROTOCOL) === 0 || own.proto === query.address.proto;
}

function rewriteRuriUser(ctx: Ctx, change: (user: string) => string): void {
  const uri = ctx.msg.parsedRuri;
  if (uri === null) return;
  const user = change(uri.user ?? "");
  ctx.msg.setRuriUser(user === "" ? null : user);
}

function applyMatch(ctx: Ctx, partition: Partition, gateway: Gateway, query: GatewayQuery): void {
  const names = partition.config.avps;
  const avps = ctx.state.avps;
  if ((query.flags & GW_STRIP) !== 0 && gateway.strip > 0) rewriteRuriUser(ctx, (user) => user.slice(gateway.strip));
  const prefix = gateway.priPrefix;
  if ((query.flags & GW_PREFIX) !== 0 && prefix !== null) {
    if (names.gwPriprefix !== null) avps.push(names.gwPriprefix, prefix);
    rewriteRuriUser(ctx, (user) => prefix + user);
  }
  query.outputs.gateway?.assign(ctx, "=", gateway.attrs ?? "");
  if ((query.flags & GW_ID) !== 0) avps.push(names.gwId, gateway.id);
  const carrier = carrierOf(partition.data, gateway);
  if ((query.flags & GW_CARRIER_ID) !== 0 && carrier !== null && names.carrierId !== null) avps.append(names.carrierId, carrier.id);
  query.outputs.carrier?.assign(ctx, "=", carrier?.attrs ?? "");
}

/** 1 when a gateway of the partitions matches (the first partition that has one); -1 otherwise. */
export function isGateway(ctx: Ctx, drouting: Drouting, partitions: readonly Partition[], query: GatewayQuery): number {
  for (const partition of partitions) {
    for (const gateway of partition.data.gateways.values()) {
      if (!matches(gateway, query)) continue;
      applyMatch(ctx, partition, gateway, query);
      notePartition(ctx, drouting, partitions, partition);
      return 1;
    }
  }
  return -1;
}

/** The address a URI names, for goes_to_gw and dr_is_gw; null (logged) when it has no IP. */
export function addressOfUri(ctx: Ctx, text: string | null, fn: string): GatewayAddress | null {
  const uri = text === null ? null : parseUri(text);
  const address = uri === null ? null : uriAddress(uri);
  if (address === null) ctx.log(L_ERR, `ERROR:drouting:${fn}: failed to extract IP/port from uri <${text ?? ""}>`);
  return address;
}
