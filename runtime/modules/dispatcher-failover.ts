/**
 * The failover list (3.6 keeps it in the partition's AVPs, so it travels with the transaction into
 * failure routes). With the 'f' flag ds_select_* replaces (or with 'a' tops up) the `dst_avp`
 * stack so that, newest first, it holds the picked destination's URI, then the destinations
 * after it in the set (wrapping round), then — with 'd' — the set's last one; `max_res` keeps
 * only the nearest ones. `sock_avp` (and `attrs_avp`/`script_attrs_avp` when set) run alongside.
 * Every pick pushes the picked destination's attributes, the set id (`grp_avp`) and how many
 * `dst_avp` values were pushed (`cnt_avp`). ds_next_dst/ds_next_domain drop the current entry
 * and use the next one.
 */
import type { AvpStore } from "../avp.ts";
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { useDestination, type DestinationMode } from "./dispatcher-destination.ts";
import { DS_APPEND_MODE, DS_FAILOVER_ON, DS_USE_DEFAULT } from "./dispatcher-flags.ts";
import type { AvpNames } from "./dispatcher-partitions.ts";
import type { Destination } from "./dispatcher-sets.ts";


/** A pick: the destinations in algorithm order, the picked index, and which of them may be tried. */
export interface Selection {
  readonly order: readonly Destination[];
  readonly index: number;
  readonly usable: (index: number) => boolean;
}

function pushAlternative(avps: AvpStore, names: AvpNames, dest: Destination): void {
  avps.push(names.sock, dest.socket ?? "");
  avps.push(names.dst, dest.dstUri);
  if (names.attrs !== null) avps.push(names.attrs, dest.attrs ?? "");
  if (names.scriptAttrs !== null) avps.push(names.scriptAttrs, dest.scriptAttrs ?? "");
}

function clearFailover(avps: AvpStore, names: AvpNames): void {
  for (const name of [names.dst, names.grp, names.cnt, names.sock, names.attrs, names.scriptAttrs]) {
    if (name !== null) avps.removeAll(name);
  }
}

/** The `dst_avp` values a pick pushes, the picked one excluded; returns how many. */
function pushFailover(avps: AvpStore, names: AvpNames, selection: Selection, flags: number, maxResults: number): number {
  const { order, index, usable } = selection;
  const last = order.length - 1;
  const useDefault = (flags & DS_USE_DEFAULT) !== 0;
  const candidate = (i: number): boolean => usable(i) && !(useDefault && i === last);
  let pushed = 0;
  if (useDefault && index !== last) {
    pushAlternative(avps, names, order[last]!);
    pushed++;
  }
  let skip = order.filter((_, i) => candidate(i)).length - maxResults;
  for (let unwrapped = index - 1 + order.length; unwrapped > index; unwrapped--) {
    const i = unwrapped % order.length;
    if (!candidate(i)) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    pushAlternative(avps, names, order[i]!);
    pushed++;
  }
  return pushed;
}

/** What a successful ds_select_* leaves in the AVPs. */
export function recordSelection(avps: AvpStore, names: AvpNames, setId: number, selection: Selection, flags: number, maxResults: number): void {
  const selected = selection.order[selection.index]!;
  let count = 0;
  if ((flags & DS_FAILOVER_ON) !== 0) {
    if ((flags & DS_APPEND_MODE) === 0) clearFailover(avps, names);
    count = pushFailover(avps, names, selection, flags, maxResults) + 1;
    avps.push(names.dst, selected.uri);
  }
  if (names.attrs !== null) avps.push(names.attrs, selected.attrs ?? "");
  if (names.scriptAttrs !== null) avps.push(names.scriptAttrs, selected.scriptAttrs ?? "");
  avps.push(names.grp, setId);
  avps.push(names.cnt, count);
}

/** ds_next_dst / ds_next_domain: 1 when the next destination is in use, -1 when the list is exhausted. */
export function nextDestination(ctx: Ctx, names: AvpNames, mode: DestinationMode, fn: string): number {
  const avps = ctx.state.avps;
  const list = avps.all(names.dst);
  if (list.length === 0) return -1;
  const next = list[1] ?? null;
  avps.removeAt(names.dst, 0);
  if (names.attrs !== null) avps.removeAt(names.attrs, 0);
  if (names.scriptAttrs !== null) avps.removeAt(names.scriptAttrs, 0);
  if (typeof next !== "string") return -1;
  avps.removeAt(names.sock, 0);
  if (useDestination(ctx, next, mode)) return 1;
  ctx.log(L_ERR, `ERROR:dispatcher:${fn}: cannot set dst addr`);
  return -1;
}
