/**
 * The AVPs drouting keeps its routing state in, so that it travels with the transaction into
 * failure routes. do_routing / route_to_* fill them oldest-first (OpenSIPS's add_avp_last), so
 * the top of each list is the gateway in use: `gw_id_avp`, `gw_attrs`, `carrier_attrs`,
 * `carrier_id_avp` and `gw_priprefix_avp` hold one value per selected gateway, `ruri_avp` and
 * `gw_sock_avp` one per alternative (the first gateway went into the R-URI).
 */
import type { AvpStore } from "../avp.ts";
import type { DrAvps } from "./drouting-partitions.ts";

/** Drops the routing AVPs a new do_routing / route_to_* starts without (not the fallback ones). */
export function clearRoutingAvps(avps: AvpStore, names: DrAvps): void {
  const { ruri, gwId, gwSock, ruleAttrs, gwAttrs, carrierAttrs, carrierId, gwPriprefix, ruleId, rulePrefix } = names;
  for (const name of [ruri, gwId, gwSock, ruleAttrs, gwAttrs, carrierAttrs, carrierId, gwPriprefix, ruleId, rulePrefix]) {
    if (name !== null) avps.removeAll(name);
  }
}

/** Removes the integer values on top of `name`, as OpenSIPS skips "bogus non-STR top-most values". */
function dropNonStrings(avps: AvpStore, name: string): void {
  while (avps.top(name) !== null && typeof avps.top(name) !== "string") avps.removeAt(name, 0);
}

/** The first string value of `name` (integer values above it are dropped); null when there is none. */
export function firstString(avps: AvpStore, name: string): string | null {
  dropNonStrings(avps, name);
  const top = avps.top(name);
  return typeof top === "string" ? top : null;
}

/** Removes the first string value of `name` (and the integer values above it). */
export function dropFirstString(avps: AvpStore, name: string | null): void {
  if (name !== null && firstString(avps, name) !== null) avps.removeAt(name, 0);
}
