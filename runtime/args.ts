/**
 * Reading function arguments (functions.ts describes what the emitter passes) in module
 * implementations.
 */
import type { Arg } from "./functions.ts";
import { isPv, type Pv } from "./pv-types.ts";
import { intOf, textOf } from "./transformations/value-text.ts";

/** A string argument (a rendered format, a literal, or a PV's value); null when empty or NULL. */
export function textArg(arg: Arg): string | null {
  if (arg === undefined || isPv(arg)) return null;
  return textOf(arg);
}

/** An integer argument (a number literal, an int-typed PV value, or decimal text); null otherwise. */
export function intArg(arg: Arg): number | null {
  if (arg === undefined || isPv(arg)) return null;
  const n = intOf(arg);
  if (n !== null) return n;
  const text = textOf(arg);
  return text !== null && /^[+-]?[0-9]+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** An output/var argument: the accessor itself; null when the slot is empty. */
export function pvArg(arg: Arg): Pv | null {
  return isPv(arg) ? arg : null;
}
