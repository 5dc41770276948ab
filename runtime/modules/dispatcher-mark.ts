/**
 * ds_mark_dst([state]): the state of the destination in use — the top of `dst_avp` (the one
 * ds_select_* picked with 'f', or the one ds_next_* moved to) in the set of `grp_avp` — becomes
 * inactive ("i", "I", "0", the default), active ("a", "A", "1") or probing ("p", "P", "2"; it
 * takes after `ds_probing_threshold` calls). The destination is found by its provisioned URI,
 * case-insensitively. 1 when it was found, -1 otherwise.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { intOf } from "../transformations/value-text.ts";
import { setDestinationState, type DestinationState } from "./dispatcher-sets.ts";
import { setFor, type Partition } from "./dispatcher-state.ts";

const STATES: Readonly<Record<string, DestinationState>> = {
  i: "inactive",
  "0": "inactive",
  a: "active",
  "1": "active",
  p: "probing",
  "2": "probing",
};

/** The state a ds_mark_dst argument names; null (logged) for anything else. */
export function markState(ctx: Ctx, text: string | null): DestinationState | null {
  const state = text === null || text === "" ? "inactive" : text.length === 1 ? STATES[text.toLowerCase()] : undefined;
  if (state === undefined) ctx.log(L_ERR, `ERROR:dispatcher:ds_mark_dst: unknown option ${text}`);
  return state ?? null;
}

export function markDestination(ctx: Ctx, partition: Partition, state: DestinationState, probingThreshold: number): number {
  const avps = ctx.state.avps;
  const names = partition.config.avps;
  const group = avps.top(names.grp);
  const groupId = typeof group === "string" ? null : intOf(group);
  const address = avps.top(names.dst);
  if (groupId === null || typeof address !== "string") return -1;
  const set = setFor(ctx, partition, groupId, "ds_mark_dst");
  const wanted = address.toLowerCase();
  const dest = set?.dests.find((d) => d.uri.toLowerCase() === wanted);
  if (set === null || dest === undefined) return -1;
  setDestinationState(set, dest, state, probingThreshold);
  return 1;
}
