/**
 * Ending a load-balancing session or its destination (lb_data.c): lb_reset takes the call out of
 * the current destination's profiles and forgets the session (it needs the call's dialog);
 * lb_disable_dst disables the destination in use for every later pick, until the engine ends
 * (OpenSIPS re-enables it when probing succeeds, which is not done offline).
 */
import type { Ctx } from "../ctx.ts";
import { L_DBG, L_ERR, L_INFO, L_WARN } from "../log-level.ts";
import { currentDialog } from "./dialog.ts";
import { knownResources, type LbDestination } from "./load-balancer-data.ts";
import { uncountCall } from "./load-balancer-profiles.ts";
import { forgetSession, ID_AVP, RES_AVP } from "./load-balancer-session.ts";
import type { LoadBalancer } from "./load-balancer-state.ts";

/** The destination `$avp(__lb_id)` names; null when there is none. */
function destinationInUse(ctx: Ctx, lb: LoadBalancer): LbDestination | null {
  const id = ctx.state.avps.top(ID_AVP);
  return typeof id === "number" ? (lb.data.destinations.find((d) => d.id === id) ?? null) : null;
}

export function resetSession(ctx: Ctx, lb: LoadBalancer): number {
  const dialog = currentDialog(ctx);
  if (dialog === null) {
    ctx.log(L_ERR, "ERROR:load_balancer:do_lb_reset: no dialog found for this call, LB not started");
    return -1;
  }
  const avps = ctx.state.avps;
  const last = destinationInUse(ctx, lb);
  forgetSession(avps);
  if (last !== null) {
    const names = avps.all(RES_AVP).map(String);
    const { found, unknown } = knownResources(lb.data, names);
    for (const name of unknown) ctx.log(L_WARN, `WARNING:load_balancer:do_lb_reset: reset LB - ignore unknown previous resource [${name}]`);
    for (const profile of uncountCall(dialog, last, found)) ctx.log(L_ERR, `ERROR:load_balancer:do_lb_reset: reset LB - failed to remove from profile [${profile}]->[${last.profileId}]`);
  }
  avps.removeAll(RES_AVP);
  return 1;
}

export function disableDestination(ctx: Ctx, lb: LoadBalancer): number {
  if (typeof ctx.state.avps.top(ID_AVP) !== "number") {
    ctx.log(L_DBG, "DBG:load_balancer:do_lb_disable_dst: no AVP ID -> nothing to disable");
    return -1;
  }
  const destination = destinationInUse(ctx, lb);
  if (destination === null) return -1;
  if (!destination.disabled && lb.verbose) {
    ctx.log(L_INFO, `INFO:load_balancer:do_lb_disable_dst: manually disable destination ${destination.id} <${destination.uri}> from script`);
  }
  destination.disabled = true;
  return 1;
}
