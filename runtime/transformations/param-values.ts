/**
 * Reading transformation parameters the way OpenSIPS does. A numeric parameter must be int-typed
 * (a literal number, or a PV holding an int): a PV holding a string such as "2" fails, exactly as
 * OpenSIPS's `!(v.flags & PV_VAL_INT)` check does. A string parameter must be non-empty; an
 * int-typed value gives its string form.
 */
import type { Value } from "../value.ts";
import { intOf, textOf } from "./value-text.ts";

export function numberParam(param: Value | undefined): number | null {
  return param === undefined ? null : intOf(param);
}

export function stringParam(param: Value | undefined): string | null {
  const text = param === undefined ? null : textOf(param);
  return text === null || text === "" ? null : text;
}

/**
 * The number a literal numeric parameter denotes, for the compiler: an optional sign, blanks,
 * then digits, as OpenSIPS's `tr_parse_nparam` reads it (`-2` → -2, `+ 3` → 3). Null when the text
 * does not start like a number or has anything after the digits.
 */
export function literalNumberParam(text: string): number | null {
  const match = /^\s*([+-]?)[ \t\r\n]*([0-9]+)\s*$/.exec(text);
  if (match === null) return null;
  const magnitude = Number(match[2]);
  return match[1] === "-" ? -magnitude : magnitude;
}
