/**
 * Which gateways a rule (or a carrier) gives, in the order they are tried: the rule's list in its
 * sort order, each carrier expanded into its own gateways in the carrier's sort order (only the
 * first usable one with the carrier's flag 0x1). Disabled gateways and carriers are skipped, and
 * with a whitelist so are the list entries it does not name.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { CARRIER_FIRST_ONLY, type Carrier, type RoutingData, type Rule, type SortAlgorithm } from "./drouting-data.ts";
import { parseGatewayList, resolveEntries } from "./drouting-gwlist.ts";
import { sortDestinations } from "./drouting-sort.ts";
import type { GatewaySelection } from "./drouting-usage.ts";

/** The gateways and carriers a whitelist names; null for no filtering (also for a malformed or empty list, as in OpenSIPS). */
export type Whitelist = ReadonlySet<object> | null;

export function parseWhitelist(ctx: Ctx, text: string, data: RoutingData, idChars: string): Whitelist {
  const entries = parseGatewayList(text, idChars);
  if (typeof entries === "string") {
    ctx.log(L_ERR, `ERROR:drouting:do_routing: invalid format in whitelist-> ignoring... (${entries})`);
    return null;
  }
  const named = resolveEntries(entries, data, (id) => ctx.log(L_WARN, `WARNING:drouting:parse_destination_list: destination ID <${id}> was not found`));
  return named.length === 0 ? null : new Set(named.map((d) => (d.kind === "carrier" ? d.carrier : d.gateway)));
}

/** Adds a carrier's usable gateways. */
export function addCarrierGateways(ctx: Ctx, selection: GatewaySelection, carrier: Carrier, sort: SortAlgorithm): void {
  for (const { gateway } of sortDestinations(ctx, carrier.gateways, sort)) {
    if (gateway.disabled) continue;
    if (selection.add(gateway, carrier) && (carrier.flags & CARRIER_FIRST_ONLY) !== 0) return;
  }
}

/** Adds the usable gateways of a rule. */
export function addRuleGateways(ctx: Ctx, selection: GatewaySelection, rule: Rule, whitelist: Whitelist): void {
  for (const destination of sortDestinations(ctx, rule.destinations, rule.sort)) {
    if (destination.kind === "carrier") {
      const { carrier } = destination;
      if (!carrier.disabled && (whitelist === null || whitelist.has(carrier))) addCarrierGateways(ctx, selection, carrier, carrier.sort);
    } else if (!destination.gateway.disabled && (whitelist === null || whitelist.has(destination.gateway))) {
      selection.add(destination.gateway, null);
    }
  }
}
