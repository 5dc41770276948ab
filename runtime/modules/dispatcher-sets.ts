/**
 * dispatcher's destination sets in memory (dispatch.h): each set keeps its destinations ordered by
 * priority (highest first, load order among equals), their state flags, and the running weight
 * sums the hashing algorithms pick with. State changes follow `_ds_set_state`: "probing" needs
 * `ds_probing_threshold` requests before it takes, and an inactive destination ignores it.
 */

export const DS_INACTIVE = 1;
export const DS_PROBING = 2;

export interface Destination {
  /** The destination as provisioned: pinging, and matching `ds_mark_dst` / `ds_set_state`. */
  readonly uri: string;
  /** What `$du` / the R-URI gets: the URI without user, password and headers. */
  readonly dstUri: string;
  readonly attrs: string | null;
  scriptAttrs: string | null;
  /** The `socket` column as written, or null. */
  readonly socket: string | null;
  readonly weight: number;
  readonly priority: number;
  /** The resolved address (IP literals only; hostnames are not resolved offline). */
  readonly ip: Uint8Array | null;
  readonly port: number;
  flags: number;
  failureCount: number;
  /** Times picked in a row by weighted round robin. */
  rrCount: number;
  runningWeight: number;
  activeRunningWeight: number;
}

export interface DestinationSet {
  readonly id: number;
  readonly dests: Destination[];
  activeCount: number;
  /** Index of the last destination used. */
  last: number;
}

export function isActive(dest: Destination): boolean {
  return (dest.flags & (DS_INACTIVE | DS_PROBING)) === 0;
}

/** Recomputes the running weights (all and active-only) and the number of active destinations. */
export function recalculateActive(set: DestinationSet): void {
  let running = 0;
  let activeRunning = 0;
  set.activeCount = 0;
  for (const dest of set.dests) {
    running += dest.weight;
    dest.runningWeight = running;
    if (isActive(dest)) {
      activeRunning += dest.weight;
      set.activeCount++;
    }
    dest.activeRunningWeight = activeRunning;
  }
}

export type DestinationState = "active" | "inactive" | "probing";

/** Sets `flag` (or clears it); recalculates the set when the destination switched between usable and not. */
function changeFlag(set: DestinationSet, dest: Destination, flag: number, on: boolean): void {
  const wasActive = isActive(dest);
  dest.flags = on ? dest.flags | flag : dest.flags & ~flag;
  if (wasActive !== isActive(dest)) recalculateActive(set);
}

/**
 * `ds_mark_dst`'s two steps per state. For "probing" the first step only counts a failure until
 * the threshold is reached (and does nothing to an inactive destination); the second step, which
 * clears "inactive", always runs — so marking an inactive destination "probing" activates it, as
 * in OpenSIPS.
 */
export function setDestinationState(set: DestinationSet, dest: Destination, state: DestinationState, probingThreshold: number): void {
  if (state === "active") {
    changeFlag(set, dest, DS_INACTIVE | DS_PROBING, false);
  } else if (state === "inactive") {
    changeFlag(set, dest, DS_INACTIVE, true);
    changeFlag(set, dest, DS_PROBING, false);
  } else {
    if ((dest.flags & DS_INACTIVE) === 0) {
      dest.failureCount = Math.min(dest.failureCount + 1, probingThreshold);
      if (dest.failureCount >= probingThreshold) changeFlag(set, dest, DS_PROBING, true);
    }
    changeFlag(set, dest, DS_INACTIVE, false);
  }
}
