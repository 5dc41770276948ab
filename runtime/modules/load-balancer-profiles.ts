/**
 * Counting calls against destinations through the dialog module's profiles: a call uses a
 * destination's resource while its dialog is in the resource's profile with the destination's
 * id as value; the dialog leaves every profile when it ends (BYE, a failed INVITE). The dialog
 * store keeps a dialog in a profile value at most once, so counting the same dialog twice for one
 * destination (lb_count_call after lb_start) counts it once.
 */
import type { EngineCore } from "../engine-core.ts";
import type { Dialog } from "./dialog-store.ts";
import { dialogStore, profileKey } from "./dialog-store.ts";
import type { LbDestination, LbResource } from "./load-balancer-data.ts";
import type { LoadOf } from "./load-balancer-select.ts";

/** The load of a resource on a destination: its active dialogs in the resource's profile. */
export function profileLoad(engine: EngineCore): LoadOf {
  const store = dialogStore(engine);
  return (resource, destination) => store.count(resource.profile, destination.profileId);
}

export function countCall(dialog: Dialog, destination: LbDestination, resources: readonly LbResource[]): void {
  for (const resource of resources) dialog.profiles.add(profileKey(resource.profile, destination.profileId));
}

/** Takes the dialog out of the destination's resource profiles; returns the profiles it was not in. */
export function uncountCall(dialog: Dialog, destination: LbDestination, resources: readonly LbResource[]): string[] {
  return resources.filter((r) => !dialog.profiles.delete(profileKey(r.profile, destination.profileId))).map((r) => r.profile);
}
