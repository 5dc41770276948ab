/**
 * Failover over the gateways do_routing / route_to_* left in the AVPs (drouting.c `use_next_gw`,
 * `dr_disable`). use_next_gw drops the gateway in use and rewrites the R-URI with the next one
 * that is not disabled (only the R-URI: `$du` is left alone), writing its attributes to the
 * outputs; when the list is used up it tries a rule fallback (do_routing's F flag). dr_disable
 * disables the gateway in use for the engine's life.
 */
import type { Ctx } from "../ctx.ts";
import { L_DBG, L_ERR, L_WARN } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { dropFirstString, firstString } from "./drouting-avps.ts";
import { DR_INTERNAL, DR_RULE_FALLBACK } from "./drouting-flags.ts";
import type { DrAvps } from "./drouting-partitions.ts";
import { doRouting } from "./drouting-route.ts";
import type { Drouting, Partition } from "./drouting-state.ts";
import type { AttrOutputs } from "./drouting-usage.ts";

/** Drops the current gateway's entry of an attributes AVP and writes the next one's to `output`. */
function nextAttrs(ctx: Ctx, name: string, output: Pv | null): void {
  if (output === null) return;
  dropFirstString(ctx.state.avps, name);
  const next = ctx.state.avps.top(name);
  if (next !== null) output.assign(ctx, "=", next);
}

/** do_routing again from where the rule search stopped, if the first do_routing had the F flag. */
function ruleFallback(ctx: Ctx, drouting: Drouting, partition: Partition, outputs: AttrOutputs): number {
  const names = partition.config.avps.fallback;
  const avps = ctx.state.avps;
  const flags = avps.top(names.flags);
  if (typeof flags !== "number" || (flags & DR_RULE_FALLBACK) === 0) return -1;
  ctx.log(L_DBG, "DBG:drouting:use_next_gw: using rule fallback");
  const group = avps.top(names.group);
  if (typeof group !== "number") ctx.log(L_ERR, "ERROR:drouting:use_next_gw: Cannot find group AVP during a fallback");
  else if (doRouting(ctx, drouting, partition, { group, flags: flags | DR_INTERNAL, whitelist: firstString(avps, names.whitelist), outputs }) === 1) return 1;
  avps.removeAt(names.flags, 0);
  return -1;
}

export function useNextGateway(ctx: Ctx, drouting: Drouting, partition: Partition, outputs: AttrOutputs): number {
  const names: DrAvps = partition.config.avps;
  const avps = ctx.state.avps;
  for (;;) {
    if (outputs.rule !== null) {
      const ruleAttrs = avps.top(names.ruleAttrs);
      if (ruleAttrs !== null) outputs.rule.assign(ctx, "=", ruleAttrs);
    }
    nextAttrs(ctx, names.gwAttrs, outputs.gateway);
    nextAttrs(ctx, names.carrierAttrs, outputs.carrier);
    dropFirstString(avps, names.gwPriprefix);
    dropFirstString(avps, names.carrierId);
    if (firstString(avps, names.gwId) === null) {
      ctx.log(L_WARN, "WARNING:drouting:use_next_gw: no GWs found at all -> have you done do_routing in script ??");
      return -1;
    }
    avps.removeAt(names.gwId, 0);
    const id = firstString(avps, names.gwId);
    const ruri = id === null ? null : firstString(avps, names.ruri);
    if (id === null || ruri === null) return ruleFallback(ctx, drouting, partition, outputs);
    dropFirstString(avps, names.gwSock);
    avps.removeAt(names.ruri, 0);
    const gateway = partition.data.gateways.get(id);
    if (gateway === undefined || gateway.disabled) continue;
    if (ctx.msg.setRuri(ruri)) return 1;
    ctx.log(L_ERR, `ERROR:drouting:use_next_gw: failed to rewite RURI <${ruri}>`);
    return -1;
  }
}

/** dr_disable: 1 when there is a gateway in use (now disabled), -1 when there is none. */
export function disableGateway(ctx: Ctx, partition: Partition): number {
  const id = ctx.state.avps.all(partition.config.avps.gwId).find((v): v is string => typeof v === "string");
  if (id === undefined) {
    ctx.log(L_DBG, "DBG:drouting:dr_disable: no AVP ID ->nothing to disable");
    return -1;
  }
  const gateway = partition.data.gateways.get(id);
  if (gateway !== undefined) gateway.disabled = true;
  return 1;
}
