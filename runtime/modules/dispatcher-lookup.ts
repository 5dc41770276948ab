/**
 * The functions that look destinations up rather than route to them: ds_is_in_list (is an
 * IP/port one of the destinations?), ds_count (how many are in given states) and the script
 * attributes ds_push_script_attrs stores and ds_get_script_attrs reads. A destination's address
 * is its URI's IP and port (5060/5061 when the URI has none); port 0 on either side matches any.
 * Hostnames are not resolved, so a destination provisioned by name never matches.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { parseIp } from "../transformations/ip-address.ts";
import { fnmatch } from "./permissions-fnmatch.ts";
import { DS_INACTIVE, DS_PROBING, isActive, type Destination, type DestinationSet } from "./dispatcher-sets.ts";
import type { Dispatcher, Partition } from "./dispatcher-state.ts";

/** All sets when `setId` is -1. */
function setsOf(partition: Partition, setId: number): DestinationSet[] {
  return partition.sets.filter((s) => setId === -1 || s.id === setId);
}

function sameIp(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function hasAddress(dest: Destination, ip: Uint8Array, port: number): boolean {
  return dest.ip !== null && (dest.port === 0 || port === 0 || dest.port === port) && sameIp(dest.ip, ip);
}

function parsedIp(ctx: Ctx, text: string, fn: string): Uint8Array | null {
  const ip = parseIp(text);
  if (ip === null) ctx.log(L_ERR, `ERROR:dispatcher:${fn}: IP val is not IP <${text}>`);
  return ip;
}

export interface InListQuery {
  readonly ip: string;
  readonly port: number;
  readonly setId: number;
  readonly activeOnly: boolean;
  /** A glob the destination's attributes must match; null for none. */
  readonly pattern: string | null;
}

/**
 * ds_is_in_list: 1 for the first destination with that address (active if asked, attributes
 * matching the pattern if given), after pushing its attributes to `attrs_avp`/`script_attrs_avp`
 * and, when all sets were searched, its set id to `setid_pvar`.
 */
export function isInList(ctx: Ctx, dispatcher: Dispatcher, partition: Partition, query: InListQuery): number {
  const ip = parsedIp(ctx, query.ip, "ds_is_in_list");
  if (ip === null) return -1;
  for (const set of setsOf(partition, query.setId)) {
    for (const dest of set.dests) {
      if (!hasAddress(dest, ip, query.port) || (query.activeOnly && !isActive(dest))) continue;
      if (query.pattern !== null && !fnmatch(query.pattern, dest.attrs ?? "")) continue;
      if (query.setId === -1) dispatcher.settings.setidPv?.assign(ctx, "=", set.id);
      const names = partition.config.avps;
      if (names.attrs !== null) ctx.state.avps.push(names.attrs, dest.attrs ?? "");
      if (names.scriptAttrs !== null) ctx.state.avps.push(names.scriptAttrs, dest.scriptAttrs ?? "");
      return 1;
    }
  }
  return -1;
}

const COUNT_LETTERS: Readonly<Record<string, number>> = { a: 1, "1": 1, i: 2, "0": 2, p: 4, "2": 4 };

/** ds_count's filter (`fixup_ds_count_filter`): a = active, i = inactive, p = probing; none given counts all. */
function countFilter(text: string): number {
  let filter = 0;
  for (const ch of text.toLowerCase()) filter |= COUNT_LETTERS[ch] ?? 0;
  return filter === 0 ? 7 : filter;
}

/** ds_count: writes how many destinations of the set are in the filter's states. */
export function countDestinations(ctx: Ctx, set: DestinationSet, filterText: string, out: Pv): number {
  const filter = countFilter(filterText);
  let count = 0;
  for (const dest of set.dests) {
    const kind = isActive(dest) ? 1 : (dest.flags & DS_INACTIVE) !== 0 ? 2 : (dest.flags & DS_PROBING) !== 0 ? 4 : 0;
    if ((filter & kind) !== 0) count++;
  }
  return out.assign(ctx, "=", count) > 0 ? 1 : -1;
}

/** ds_push_script_attrs: every destination with that address gets the attributes; 1 even when none matched. */
export function pushScriptAttrs(ctx: Ctx, partition: Partition, attrs: string, ipText: string, port: number, setId: number): number {
  const ip = parsedIp(ctx, ipText, "ds_push_script_attrs");
  if (ip === null) return -1;
  for (const set of setsOf(partition, setId)) {
    for (const dest of set.dests) if (hasAddress(dest, ip, port)) dest.scriptAttrs = attrs;
  }
  return 1;
}

/** ds_get_script_attrs: the script attributes of the destination whose `$du` form is exactly `uri`. */
export function getScriptAttrs(ctx: Ctx, partition: Partition, uri: string, setId: number, out: Pv): number {
  for (const set of setsOf(partition, setId)) {
    const dest = set.dests.find((d) => d.dstUri === uri);
    if (dest === undefined) continue;
    out.assign(ctx, "=", dest.scriptAttrs ?? "");
    return 1;
  }
  return -1;
}
