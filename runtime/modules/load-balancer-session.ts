/**
 * A load-balancing session lives in AVPs, so it follows the transaction into failure routes
 * (load_balancer.c): `$avp(__lb_grp)` the group, `$avp(__lb_flg)` the algorithm flags (only
 * when some are set), `$avp(__lb_mask)` the destinations still to try, `$avp(__lb_id)` the
 * destination in use and `$avp(__lb_res)` the resources, in the module's order. OpenSIPS keeps
 * the mask as a binary bitmap; here it is a text with one `1`/`0` per loaded destination, in
 * table order. A session AVP of the wrong type (int/string) is dropped when read, as in OpenSIPS.
 */
import type { AvpStore } from "../avp.ts";
import type { Value } from "../value.ts";

export const GROUP_AVP = "__lb_grp";
export const FLAGS_AVP = "__lb_flg";
export const MASK_AVP = "__lb_mask";
export const ID_AVP = "__lb_id";
export const RES_AVP = "__lb_res";

export interface SavedSession {
  readonly group: number | null;
  readonly flags: number | null;
  readonly mask: string | null;
  readonly destinationId: number | null;
  /** The resource names, string values only. */
  readonly resources: readonly string[];
}

export interface NewSession {
  readonly group: number;
  readonly flags: number;
  readonly mask: string;
  /** null when no destination was picked. */
  readonly destinationId: number | null;
  readonly resources: readonly string[];
}

/** The newest value of `name` when it has the wanted type; one of the other type is removed. */
function typedTop<T extends number | string>(avps: AvpStore, name: string, wanted: "number" | "string"): T | null {
  const value: Value = avps.top(name);
  if (value === null) return null;
  if (typeof value === wanted) return value as T;
  avps.removeAt(name, 0);
  return null;
}

export function readSession(avps: AvpStore): SavedSession {
  return {
    group: typedTop<number>(avps, GROUP_AVP, "number"),
    flags: typedTop<number>(avps, FLAGS_AVP, "number"),
    mask: typedTop<string>(avps, MASK_AVP, "string"),
    destinationId: typedTop<number>(avps, ID_AVP, "number"),
    resources: avps.all(RES_AVP).filter((v): v is string => typeof v === "string"),
  };
}

/** Sets the newest value of `name`, adding one when there is none. */
function setTop(avps: AvpStore, name: string, value: number | string): void {
  if (avps.top(name) === null) avps.push(name, value);
  else avps.replaceAt(name, 0, value);
}

/** What lb_route leaves after a pick (or a failed one), given what it read before. */
export function saveSession(avps: AvpStore, saved: SavedSession, session: NewSession): void {
  setTop(avps, GROUP_AVP, session.group);
  if (saved.flags !== null || session.flags !== 0) setTop(avps, FLAGS_AVP, session.flags);
  setTop(avps, MASK_AVP, session.mask);
  if (session.destinationId !== null) setTop(avps, ID_AVP, session.destinationId);
  else if (saved.destinationId !== null) avps.removeAt(ID_AVP, 0);
  avps.removeAll(RES_AVP);
  for (const name of session.resources) avps.append(RES_AVP, name);
}

/** lb_is_started: a group, a mask and resources are recorded. */
export function isStarted(avps: AvpStore): boolean {
  return typeof avps.top(GROUP_AVP) === "number" && typeof avps.top(MASK_AVP) === "string" && typeof avps.top(RES_AVP) === "string";
}

/** lb_reset's clean-up of the group, flags, mask and destination (the resources are the caller's). */
export function forgetSession(avps: AvpStore): void {
  for (const name of [GROUP_AVP, FLAGS_AVP, MASK_AVP, ID_AVP]) avps.removeAt(name, 0);
}

/** The mask of the destinations that have every resource. */
export function initialMask(hasResources: readonly boolean[]): string {
  return hasResources.map((has) => (has ? "1" : "0")).join("");
}

/** The mask without destination `index`. */
export function withoutDestination(mask: string, index: number): string {
  return `${mask.slice(0, index)}0${mask.slice(index + 1)}`;
}
