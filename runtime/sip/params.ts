/**
 * `;name=value` parameter lists, as found in URIs, name-addr headers and Via.
 */
import { splitUnnested, trimSip } from "./scan.ts";

/** One parameter; `value` is null for a parameter written without `=` (`;lr`). */
export interface Param {
  readonly name: string;
  readonly value: string | null;
}

/** Parses `a=b;c;d=` (a leading `;` is allowed); blanks around names and values are dropped. */
export function parseParams(text: string): Param[] {
  const params: Param[] = [];
  for (const piece of splitUnnested(text, 59 /* ; */)) {
    const eq = piece.indexOf("=");
    if (eq < 0) params.push({ name: piece, value: null });
    else params.push({ name: trimSip(piece.slice(0, eq)), value: trimSip(piece.slice(eq + 1)) });
  }
  return params;
}

/** `;a=b;c` — every parameter with its leading `;` (empty text for no parameters). */
export function formatParams(params: readonly Param[]): string {
  let text = "";
  for (const p of params) text += p.value === null ? `;${p.name}` : `;${p.name}=${p.value}`;
  return text;
}

/**
 * The value of the first parameter called `name` (case-insensitive): a string, null when it is
 * present without a value, undefined when it is absent.
 */
export function paramValue(params: readonly Param[], name: string): string | null | undefined {
  const wanted = name.toLowerCase();
  for (const p of params) if (p.name.toLowerCase() === wanted) return p.value;
  return undefined;
}
