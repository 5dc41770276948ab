/**
 * Reading and building script values (runtime/value.ts) the way OpenSIPS transformations do:
 * every non-NULL value has a string form, and int-typed results carry their decimal text unless
 * told otherwise (`{s.int}` keeps the original text).
 */
import type { IntWithText, Value } from "../value.ts";

/** The string form of a value (`null` for NULL). */
export function textOf(value: Value): string | null {
  if (value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return value.text;
}

/** True for int-typed values (`number` and `IntWithText`). */
export function isIntTyped(value: Value): value is number | IntWithText {
  return typeof value === "number" || (value !== null && typeof value === "object");
}

/** The integer of an int-typed value, or null for strings and NULL. */
export function intOf(value: Value): number | null {
  if (typeof value === "number") return value;
  if (value !== null && typeof value === "object") return value.int;
  return null;
}

/** An int-typed result; `text` defaults to the decimal form, and a matching text needs no wrapper. */
export function intValue(int: number, text?: string): Value {
  return text === undefined || text === String(int) ? int : { int, text };
}

/**
 * A new string form for `input` that keeps its int typing, as the transformations that only
 * touch the string (`{s.trim}`, `{s.width}`, `{s.xor}`) leave OpenSIPS's int flag alone.
 */
export function withNewText(input: Value, text: string): Value {
  const int = intOf(input);
  return int === null ? text : intValue(int, text);
}

/** C `int` wrap-around, as OpenSIPS's 32-bit arithmetic does. */
export function toInt32(n: number): number {
  return n | 0;
}

/** A string result that OpenSIPS 3.x turns into NULL when absent or empty. */
export function nullIfEmpty(text: string | null | undefined): Value {
  return text ? text : null;
}
