/**
 * `{s.index,needle[,start]}` and `{s.rindex,needle[,start]}`: int-typed position of the first
 * (last) occurrence, NULL when there is none.
 */
import type { Value } from "../value.ts";
import type { TransformFn } from "./types.ts";
import { onText } from "./on-text.ts";
import { numberParam, stringParam } from "./param-values.ts";

/** A negative start counts from the end and wraps around (-2 and -12 are the same on 10 chars). */
function normalizeStart(start: number, length: number): number {
  if (start >= 0) return start;
  if (length === 0) return 0;
  const back = -start % length;
  return back === 0 ? 0 : length - back;
}

function readStart(params: readonly Value[], fallback: number): number | null {
  return params.length > 1 ? numberParam(params[1]) : fallback;
}

export const index: TransformFn = onText((text, params) => {
  const needle = stringParam(params[0]);
  const rawStart = readStart(params, 0);
  if (needle === null || rawStart === null) return null;
  const start = normalizeStart(rawStart, text.length);
  if (start >= text.length || needle.length > text.length - start) return null;
  const found = text.indexOf(needle, start);
  return found < 0 ? null : found;
});

export const rindex: TransformFn = onText((text, params) => {
  const needle = stringParam(params[0]);
  const rawStart = readStart(params, text.length - 1);
  if (needle === null || rawStart === null) return null;
  if (needle.length > text.length) return null;
  let start = Math.min(normalizeStart(rawStart, text.length), text.length - 1);
  start = Math.min(start, text.length - needle.length);
  const found = text.lastIndexOf(needle, start);
  return found < 0 ? null : found;
});
