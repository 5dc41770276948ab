/**
 * Routing without rules (drouting.c `route2_carrier` / `route2_gw`): route_to_carrier takes the
 * gateways of the listed carriers (comma separated; unknown and disabled carriers skipped; a
 * carrier's gateways sorted by weight only with W — quality sorting needs rules), route_to_gw
 * the listed gateways (disabled ones skipped; an empty slot in the list fails the call). Both
 * start from clean routing AVPs and leave the alternatives for use_next_gw, as do_routing does.
 */
import type { Ctx } from "../ctx.ts";
import { L_DBG, L_ERR } from "../log-level.ts";
import { parseUri } from "../sip/uri.ts";
import { clearRoutingAvps } from "./drouting-avps.ts";
import { carrierOf, SORT_NONE, SORT_WEIGHT, type Gateway } from "./drouting-data.ts";
import { addCarrierGateways } from "./drouting-select.ts";
import type { Partition } from "./drouting-state.ts";
import { GatewaySelection, type AttrOutputs } from "./drouting-usage.ts";

/** A fresh selection on the current R-URI; null (logged) when the R-URI does not parse. */
function newSelection(ctx: Ctx, partition: Partition, fn: string): GatewaySelection | null {
  clearRoutingAvps(ctx.state.avps, partition.config.avps);
  const ruri = ctx.msg.ruri;
  const uri = ruri === null ? null : parseUri(ruri);
  if (uri !== null) return new GatewaySelection(ctx, partition.config.avps, uri);
  ctx.log(L_ERR, `ERROR:drouting:${fn}: unable to parse RURI`);
  return null;
}

export function routeToCarriers(ctx: Ctx, partition: Partition, ids: string, outputs: AttrOutputs): number {
  const selection = newSelection(ctx, partition, "route2_carrier");
  if (selection === null) return -1;
  for (const id of ids.split(",").map((s) => s.trim())) {
    if (id === "") continue;
    const carrier = partition.data.carriers.get(id);
    if (carrier === undefined) ctx.log(L_ERR, `ERROR:drouting:route2_carrier: carrier <${id}> was not found, skipping...`);
    else if (carrier.disabled) ctx.log(L_DBG, `DBG:drouting:route2_carrier: carrier <${id}> is disabled, skipping..,`);
    else addCarrierGateways(ctx, selection, carrier, carrier.sort === SORT_WEIGHT ? SORT_WEIGHT : SORT_NONE);
  }
  if (selection.count === 0) {
    ctx.log(L_DBG, "DBG:drouting:route2_carrier: No GW added (not found or found disabled)");
    return -1;
  }
  selection.writeAttrs(outputs);
  return 1;
}

export function routeToGateways(ctx: Ctx, partition: Partition, ids: string, outputs: AttrOutputs): number {
  const selection = newSelection(ctx, partition, "route2_gw");
  if (selection === null) return -1;
  const slots = ids.split(",");
  if (slots.length > 1 && slots.at(-1) === "") slots.pop();
  let first: Gateway | null = null;
  for (const slot of slots) {
    const id = slot.trim();
    if (id === "") {
      ctx.log(L_ERR, "ERROR:drouting:route2_gw: empty slot");
      return -1;
    }
    const gateway = partition.data.gateways.get(id);
    if (gateway === undefined) ctx.log(L_ERR, `ERROR:drouting:route2_gw: no GW found with ID <${id}> -> ignorring`);
    else if (!gateway.disabled && selection.add(gateway, null)) first ??= gateway;
  }
  if (first === null) {
    ctx.log(L_ERR, "ERROR:drouting:route2_gw: no GW added at all");
    return -1;
  }
  outputs.gateway?.assign(ctx, "=", first.attrs ?? "");
  outputs.carrier?.assign(ctx, "=", carrierOf(partition.data, first)?.attrs ?? "");
  return 1;
}
