/**
 * load_balancer's destinations and resources in memory (lb_data.h). Each resource is a dialog
 * profile with value, `lbX<resource>`, whose values are the destinations' ids in upper-case hex:
 * a call routed to a destination is a dialog in the profiles of the resources it uses, so a
 * destination's load of a resource is the size of that profile for its id. Resources are kept in
 * OpenSIPS's list order (a new name goes before the first one it sorts after, comparing over the
 * shorter length), which is the order lb_start records them in `$avp(__lb_res)`.
 */

export interface LbResource {
  readonly name: string;
  /** The dialog profile counting its load. */
  readonly profile: string;
}

export interface LbDestination {
  readonly id: number;
  readonly group: number;
  /** The `dst_uri` column as written: what `$du` gets. */
  readonly uri: string;
  /** The `attrs` column; "" when NULL. */
  readonly attrs: string;
  /** Its value in the resources' profiles. */
  readonly profileId: string;
  /** Max load by resource name. */
  readonly capacity: ReadonlyMap<string, number>;
  /** The URI's host as an IP address; null for a hostname (not resolved offline). */
  readonly ip: Uint8Array | null;
  readonly port: number;
  /** Taken out of load balancing by lb_disable_dst(). */
  disabled: boolean;
}

export interface LbData {
  /** In table order: ties between equally loaded destinations go to the first one. */
  readonly destinations: readonly LbDestination[];
  readonly resources: readonly LbResource[];
}

/** `%X` of the id, as a C unsigned int. */
export function profileIdOf(id: number): string {
  return (id >>> 0).toString(16).toUpperCase();
}

function comparePrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The resource `name`, added to `resources` in OpenSIPS's order when it is new. */
export function resourceNamed(resources: LbResource[], name: string): LbResource {
  const found = resources.find((r) => r.name === name);
  if (found !== undefined) return found;
  const created = { name, profile: `lbX${name}` };
  const at = resources.findIndex((r) => comparePrefix(name, r.name) > 0);
  resources.splice(at < 0 ? resources.length : at, 0, created);
  return created;
}

/** The loaded resources a list of names asks for, in the module's order; null when one is unknown or named twice. */
export function requestedResources(data: LbData, names: readonly string[]): LbResource[] | null {
  const found = data.resources.filter((r) => names.includes(r.name));
  return found.length === names.length ? found : null;
}

/** The loaded resources with these names, in the names' order, and the names no resource has. */
export function knownResources(data: LbData, names: readonly string[]): { found: LbResource[]; unknown: string[] } {
  const found: LbResource[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const resource = data.resources.find((r) => r.name === name);
    if (resource === undefined) unknown.push(name);
    else found.push(resource);
  }
  return { found, unknown };
}
