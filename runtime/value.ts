/**
 * The OpenSIPS script value model (spec §7.6).
 *
 * - `null`: NULL (unset variable, missing header, out-of-range index).
 * - `string`: a value with a string form only (most PVs, string literals, AVPs from text columns).
 * - `number`: an int-typed value whose string form is its decimal text ($rs, $var holding an int, {s.len}).
 * - `IntWithText`: an int-typed value that keeps a different string form: `{s.int}` of "42abc"
 *   compares equal to both 42 and "42abc" and prints "42abc".
 *
 * Integer literals of the script have no string form ("x" + 5 is an error in OpenSIPS); the
 * emitter knows statically which operands are literals and tells the operators so.
 */
export type Value = null | string | number | IntWithText;

export interface IntWithText {
  readonly int: number;
  readonly text: string;
}
