/**
 * lb_start / lb_next (lb_data.c `lb_route`). lb_start asks for a group and resources; lb_next
 * reuses the session's group, flags, resources and mask (the destinations not tried yet). Both
 * take the call (its dialog, created when the request has none) out of the previous
 * destination's profiles, pick the best destination (load-balancer-select.ts), count the call
 * against it, drop it from the mask, record the session (load-balancer-session.ts) and set `$du`
 * to its URI. Codes: 1 picked; -1 error (no session for lb_next, no dialog possible: a request
 * other than an initial INVITE); -2 destinations are usable but have no capacity left; -3 no
 * enabled destination of the group has the resources (or all were tried); -4 an unknown resource.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { currentDialog, ensureDialog } from "./dialog.ts";
import { knownResources, requestedResources, type LbData, type LbDestination, type LbResource } from "./load-balancer-data.ts";
import { countCall, profileLoad, uncountCall } from "./load-balancer-profiles.ts";
import { candidates, winner } from "./load-balancer-select.ts";
import { initialMask, readSession, saveSession, withoutDestination, type SavedSession } from "./load-balancer-session.ts";
import type { LoadBalancer } from "./load-balancer-state.ts";

export type RouteRequest =
  | { readonly kind: "start"; readonly group: number; readonly resources: readonly string[]; readonly flags: number }
  | { readonly kind: "next" };

export interface RouteOutcome {
  readonly code: number;
  /** The picked destination's attributes; "" when none was picked. */
  readonly attrs: string;
}

interface Plan {
  readonly group: number;
  readonly flags: number;
  readonly resources: readonly LbResource[];
}

function failed(ctx: Ctx, code: number, message: string): RouteOutcome {
  ctx.log(L_ERR, `ERROR:load_balancer:lb_route: ${message}`);
  return { code, attrs: "" };
}

/** The session's recorded resources that are still loaded (unknown ones are logged and ignored). */
function previousResources(ctx: Ctx, data: LbData, saved: SavedSession, call: string): LbResource[] {
  const { found, unknown } = knownResources(data, saved.resources);
  for (const name of unknown) ctx.log(L_WARN, `WARNING:load_balancer:lb_route: ${call} call of LB - ignore unknown previous resource [${name}]`);
  return found;
}

/** lb_next keeps the recorded mask when it fits the table; otherwise (and for lb_start) every destination with the resources. */
function maskFor(ctx: Ctx, data: LbData, saved: SavedSession, plan: Plan, sequential: boolean): string {
  if (sequential && saved.mask !== null && saved.mask.length === data.destinations.length) return saved.mask;
  if (sequential) ctx.log(L_WARN, `WARNING:load_balancer:lb_route: sequential call of LB - cannot ${saved.mask === null ? "find" : "reuse"} previous mask, routing will be re-started`);
  return initialMask(data.destinations.map((d) => plan.resources.every((r) => d.capacity.has(r.name))));
}

/** lb_next's plan: the session's group, flags and resources, or why there is none. */
function nextPlan(saved: SavedSession, previous: readonly LbResource[]): Plan | string {
  if (previous.length === 0) return "sequential call of LB - cannot find previous resources";
  if (saved.group === null) return "sequential call of LB - cannot find previous group";
  return { group: saved.group, flags: saved.flags ?? 0, resources: previous };
}

export function lbRoute(ctx: Ctx, lb: LoadBalancer, request: RouteRequest): RouteOutcome {
  const data = lb.data;
  const sequential = request.kind === "next";
  const call = sequential ? "sequential" : "initial";
  let started: Plan | null = null;
  if (request.kind === "start") {
    const resources = requestedResources(data, request.resources);
    if (resources === null) return failed(ctx, -4, "initial call of LB - unknown resource found in input string");
    started = { group: request.group, flags: request.flags, resources };
  }
  const avps = ctx.state.avps;
  const saved = readSession(avps);
  const last: LbDestination | null = data.destinations.find((d) => d.id === saved.destinationId) ?? null;
  const previous = sequential || last !== null ? previousResources(ctx, data, saved, call) : [];
  const plan = started ?? nextPlan(saved, previous);
  if (typeof plan === "string") return failed(ctx, -1, plan);
  let mask = maskFor(ctx, data, saved, plan, sequential);
  const dialog = currentDialog(ctx) ?? ensureDialog(ctx);
  if (dialog === null) return failed(ctx, -1, `${call} call of LB - failed to create dialog`);
  if (last !== null) {
    for (const profile of uncountCall(dialog, last, previous)) ctx.log(L_ERR, `ERROR:load_balancer:lb_route: ${call} call of LB - failed to remove from profile [${profile}]->[${last.profileId}]`);
  }
  const found = candidates(data.destinations, plan.group, mask, plan.resources, plan.flags, profileLoad(ctx.engine));
  for (const d of found.unmeasured) ctx.log(L_WARN, `WARNING:load_balancer:lb_route: ${call} call of LB - skipping destination ${d.id} <${d.uri}> - unable to calculate free resources`);
  const index = winner(found.best, plan.flags);
  const chosen = index === null ? null : data.destinations[index]!;
  if (index !== null && chosen !== null) {
    countCall(dialog, chosen, plan.resources);
    mask = withoutDestination(mask, index);
  }
  const resources = plan.resources.map((r) => r.name);
  saveSession(avps, saved, { group: plan.group, flags: plan.flags, mask, destinationId: chosen?.id ?? null, resources });
  if (chosen === null) return { code: found.usable > 0 ? -2 : -3, attrs: "" };
  ctx.state.dstUri = chosen.uri;
  return { code: 1, attrs: chosen.attrs };
}
