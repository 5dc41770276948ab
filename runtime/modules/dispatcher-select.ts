/**
 * ds_select_dst / ds_select_domain (dispatch.c `ds_select_dst`): the algorithm gives a hash or
 * a candidate; a hash picks by weight over the whole set (`hash % sum of weights`, or
 * `hash % size` when every weight is 0); an inactive candidate is replaced by the next one in the
 * list (round robin, first entry) or by the same hash over the active destinations only; with
 * the 'd' flag the set's last destination is the last resort and never picked otherwise.
 * Algorithms: 0 Call-ID, 1 From URI, 2 To URI, 3 R-URI, 4 weighted round robin, 5 auth username
 * (else the last used destination), 6 random, 7 `hash_pvar`, 8 first entry, 9 `pvar_algo_pattern`
 * load, 10 `algo_route`; any other number picks the first entry.
 */
import type { Ctx } from "../ctx.ts";
import { L_DBG, L_ERR, L_WARN } from "../log-level.ts";
import { useDestination, type DestinationMode } from "./dispatcher-destination.ts";
import { DS_HASH_USER_ONLY, DS_USE_DEFAULT } from "./dispatcher-flags.ts";
import { recordSelection, type Selection } from "./dispatcher-failover.ts";
import { authUserHash, callIdHash, formatHash, fromUriHash, ruriHash, toUriHash, type HashOutcome } from "./dispatcher-message-keys.ts";
import { pvarOrdering, routeOrdering, type Ordering } from "./dispatcher-order.ts";
import { isActive, type Destination, type DestinationSet } from "./dispatcher-sets.ts";
import type { DispatcherSettings } from "./dispatcher-settings.ts";
import type { Dispatcher, Partition } from "./dispatcher-state.ts";

export interface SelectRequest {
  readonly alg: number;
  readonly flags: number;
  readonly maxResults: number;
  readonly mode: DestinationMode;
}

const RAND_MAX = 2147483647;

type Hasher = (ctx: Ctx, userOnly: boolean, settings: DispatcherSettings) => HashOutcome;

/** The algorithms that only hash. */
const HASHERS: ReadonlyMap<number, Hasher> = new Map<number, Hasher>([
  [0, (ctx) => callIdHash(ctx)],
  [1, fromUriHash],
  [2, toUriHash],
  [3, ruriHash],
  [6, () => Math.floor(Math.random() * (RAND_MAX + 1))],
  [7, (ctx, _userOnly, settings) => formatHash(ctx, settings.hashFormat)],
]);

/** Weighted round robin: the last destination again until it was picked `weight` times in a row. */
function roundRobinCandidate(set: DestinationSet, size: number): number {
  const last = set.dests[set.last]!;
  if (last.rrCount < last.weight) return set.last;
  last.rrCount = 0;
  return (set.last + 1) % size;
}

/** The candidate a hash gives over the first `size` destinations, by weight when there are weights. */
function hashCandidate(dests: readonly Destination[], size: number, hash: number): number {
  const total = dests[size - 1]!.runningWeight;
  if (total === 0) return hash % size;
  const r = hash % total;
  return dests.findIndex((d) => r < d.runningWeight);
}

/** The same hash over the active destinations only; -1 when there is none but the default. */
function activeHashCandidate(set: DestinationSet, size: number, hash: number, useDefault: boolean): number {
  const dests = set.dests;
  const count = set.activeCount - (useDefault && isActive(dests[dests.length - 1]!) ? 1 : 0);
  if (count <= 0) return -1;
  const total = dests[size - 1]!.activeRunningWeight;
  if (total > 0) {
    const r = hash % total;
    return dests.findIndex((d, i) => i < size && isActive(d) && r < d.activeRunningWeight);
  }
  let j = hash % count;
  for (let i = 0; i < size; i++) if (isActive(dests[i]!) && --j < 0) return i;
  return -1;
}

/** Replaces an inactive candidate; null when no destination is usable. */
function activeFrom(set: DestinationSet, candidate: number, hash: number, flags: number): number | null {
  const dests = set.dests;
  const useDefault = (flags & DS_USE_DEFAULT) !== 0;
  const size = useDefault && dests.length > 1 ? dests.length - 1 : dests.length;
  let i = candidate;
  while (!isActive(dests[i]!)) {
    if (hash === 0) i = (i + 1) % size;
    else {
      const next = activeHashCandidate(set, size, hash, useDefault);
      if (next >= 0) i = next;
    }
    if (i === candidate) return useDefault && isActive(dests[dests.length - 1]!) ? dests.length - 1 : null;
  }
  return i;
}

function ordered(ordering: Ordering, alg: number): Selection | string {
  if (ordering.usable === 0) return alg === 9 ? "can't get destination index" : "can't route";
  return { order: ordering.order, index: 0, usable: (i) => i < ordering.usable };
}

/** The destination the algorithm picks, an error text, or null when no destination is usable. */
function pick(ctx: Ctx, settings: DispatcherSettings, set: DestinationSet, request: SelectRequest): Selection | string | null {
  const dests = set.dests;
  const useDefault = (request.flags & DS_USE_DEFAULT) !== 0;
  const userOnly = (request.flags & DS_HASH_USER_ONLY) !== 0;
  const size = useDefault && dests.length > 1 ? dests.length - 1 : dests.length;
  const hasher = HASHERS.get(request.alg);
  let hash: HashOutcome = hasher?.(ctx, userOnly, settings) ?? 0;
  let candidate = -1;
  switch (request.alg) {
    case 4:
      candidate = roundRobinCandidate(set, size);
      break;
    case 5: {
      const auth = authUserHash(ctx);
      if (auth === "none") candidate = set.last;
      else hash = auth;
      break;
    }
    case 8:
      candidate = 0;
      break;
    case 9:
      if (settings.pvarAlgoPattern !== null) return ordered(pvarOrdering(ctx, set, settings.pvarAlgoPattern, useDefault), 9);
      ctx.log(L_WARN, "WARNING:dispatcher:ds_select_dst: no pattern specified - using first entry...");
      break;
    case 10: {
      const route = settings.algoRoute === null ? undefined : ctx.engine.script.routes.request.get(settings.algoRoute);
      if (route === undefined) return settings.algoRoute === null ? "No hash_route param provided" : "Invalid route parameter";
      return ordered(routeOrdering(ctx, set, route, useDefault), 10);
    }
    default:
      if (hasher !== undefined) break;
      ctx.log(L_WARN, `WARNING:dispatcher:ds_select_dst: dispatching via [${set.id}] with unknown algo [${request.alg}]: defaulting to 0 - first entry`);
      candidate = 0;
  }
  if (typeof hash === "string") return hash;
  if (candidate < 0) candidate = hashCandidate(dests, size, hash);
  const index = activeFrom(set, candidate, hash, request.flags);
  return index === null ? null : { order: dests, index, usable: (i) => isActive(dests[i]!) };
}

/** The whole function: 1 when a destination was picked and used, -1 otherwise. */
export function selectDestination(ctx: Ctx, dispatcher: Dispatcher, partition: Partition, set: DestinationSet, request: SelectRequest, fn: string): number {
  const picked = set.activeCount === 0 ? null : pick(ctx, dispatcher.settings, set, request);
  if (picked === null) {
    ctx.log(L_DBG, `DBG:dispatcher:${fn}: no active destinations in set [${set.id}]`);
    return -1;
  }
  if (typeof picked === "string") {
    ctx.log(L_ERR, `ERROR:dispatcher:${fn}: ${picked}`);
    return -1;
  }
  set.last = picked.index;
  const selected = picked.order[picked.index]!;
  if (request.alg === 4) selected.rrCount++;
  if (!useDestination(ctx, selected.dstUri, request.mode)) {
    ctx.log(L_ERR, `ERROR:dispatcher:${fn}: cannot set dst addr`);
    return -1;
  }
  recordSelection(ctx.state.avps, partition.config.avps, set.id, picked, request.flags, request.maxResults);
  return 1;
}
