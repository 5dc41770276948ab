/**
 * Which AVP values came from the user-preference table or went into it (OpenSIPS's AVP_IS_IN_DB
 * flag): storing skips them, so loading then storing, or storing twice, adds no duplicate rows.
 * AVP values carry no flags here, so each store keeps, per name, the values known to be in the
 * database, counted with their repeats.
 */
import type { AvpStore } from "../avp.ts";
import type { Value } from "../value.ts";

const marks = new WeakMap<AvpStore, Map<string, Value[]>>();

function marksOf(store: AvpStore, name: string): Value[] {
  let byName = marks.get(store);
  if (byName === undefined) marks.set(store, (byName = new Map()));
  let values = byName.get(name);
  if (values === undefined) byName.set(name, (values = []));
  return values;
}

export function markInDatabase(store: AvpStore, name: string, value: Value): void {
  marksOf(store, name).push(value);
}

/** The values of `name` (newest first) that are not known to be in the database. */
export function valuesNotInDatabase(store: AvpStore, name: string): Value[] {
  const known = [...marksOf(store, name)];
  return store.all(name).filter((value) => {
    const at = known.indexOf(value);
    if (at < 0) return true;
    known.splice(at, 1);
    return false;
  });
}
