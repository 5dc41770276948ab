/**
 * Picking the least loaded destination (lb_data.c `lb_route` / `get_dst_load`). A destination's
 * availability is the smallest over the requested resources of `capacity - load` (absolute), or
 * with the 'r' flag of `100 - 100 * load / capacity` in integer percent (0 for a capacity of 0).
 * Among the group's enabled destinations still in the mask, those with a positive availability
 * (any, with the 'n' flag) compete: the highest wins, the first in table order among equals, or
 * with the 's' flag a random one of them. Flags are letters; unknown ones are ignored.
 */
import type { LbDestination, LbResource } from "./load-balancer-data.ts";

export const LB_RELATIVE = 1;
export const LB_NEGATIVE = 2;
export const LB_RANDOM = 4;

const FLAG_LETTERS: Readonly<Record<string, number>> = { r: LB_RELATIVE, n: LB_NEGATIVE, s: LB_RANDOM };

export function parseAlgorithmFlags(text: string): number {
  let flags = 0;
  for (const ch of text) flags |= FLAG_LETTERS[ch] ?? 0;
  return flags;
}

/** The current load of a resource on a destination (its profile size). */
export type LoadOf = (resource: LbResource, destination: LbDestination) => number;

/** The destination's availability for the resources; null when it lacks one of them. */
export function availability(destination: LbDestination, resources: readonly LbResource[], flags: number, loadOf: LoadOf): number | null {
  let lowest: number | null = null;
  for (const resource of resources) {
    const capacity = destination.capacity.get(resource.name);
    if (capacity === undefined) return null;
    const load = loadOf(resource, destination);
    const free = (flags & LB_RELATIVE) === 0 ? capacity - load : capacity === 0 ? 0 : 100 - Math.trunc((100 * load) / capacity);
    if (lowest === null || free < lowest) lowest = free;
  }
  return lowest;
}

export interface Candidates {
  /** Table indexes of the destinations sharing the highest availability. */
  readonly best: readonly number[];
  /** Enabled destinations of the group in the mask, whatever their availability. */
  readonly usable: number;
  /** Destinations skipped because their availability could not be computed. */
  readonly unmeasured: readonly LbDestination[];
}

export function candidates(
  destinations: readonly LbDestination[],
  group: number,
  mask: string,
  resources: readonly LbResource[],
  flags: number,
  loadOf: LoadOf,
): Candidates {
  let best: number[] = [];
  let highest = 0;
  let usable = 0;
  const unmeasured: LbDestination[] = [];
  for (const [i, destination] of destinations.entries()) {
    if (destination.group !== group || mask[i] !== "1" || destination.disabled) continue;
    usable++;
    const free = availability(destination, resources, flags, loadOf);
    if (free === null) unmeasured.push(destination);
    else if (free <= 0 && (flags & LB_NEGATIVE) === 0) continue;
    else if (best.length === 0 || free > highest) [best, highest] = [[i], free];
    else if (free === highest) best.push(i);
  }
  return { best, usable, unmeasured };
}

/** The winner among the best: the first, or a random one with the 's' flag; null when there is none. */
export function winner(best: readonly number[], flags: number): number | null {
  if (best.length === 0) return null;
  return (flags & LB_RANDOM) === 0 ? best[0]! : best[Math.floor(Math.random() * best.length)]!;
}
