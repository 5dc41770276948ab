/**
 * `{s.substr}`, `{s.select}`, `{s.width}`, `{s.fill.left}` and `{s.fill.right}`.
 */
import type { TransformFn } from "./types.ts";
import { onText } from "./on-text.ts";
import { numberParam } from "./param-values.ts";
import { textOf, withNewText } from "./value-text.ts";

/**
 * `{s.substr,offset,length}`: a negative offset counts from the end; length 0 means "to the end"
 * and a negative length stops that many characters before the end. NULL when the offset is out
 * of range (including any offset on an empty string).
 */
export const substr: TransformFn = onText((text, params) => {
  let offset = numberParam(params[0]);
  let length = numberParam(params[1]);
  if (offset === null || length === null) return null;
  if (offset < 0) {
    if (-offset > text.length) return null;
    offset += text.length;
  }
  if (offset >= text.length) return null;
  if (length < 1) length = text.length + length - offset;
  // OpenSIPS would build a negative-length string here (`{s.substr,2,-5}` of "abc"); empty it is.
  if (length < 0) return "";
  return text.slice(offset, offset + length);
});

/**
 * `{s.select,index,separator}`: the index-th field (negative counts from the end); the separator
 * is one character. NULL when there are not that many fields.
 */
export const select: TransformFn = onText((text, params) => {
  const index = numberParam(params[0]);
  const separator = textOf(params[1] ?? null)?.[0];
  if (index === null || separator === undefined) return null;
  const fields = text.split(separator);
  const at = index < 0 ? fields.length + index : index;
  return at >= 0 && at < fields.length ? fields[at]! : null;
});

/**
 * `{s.width,len}`: cut to `len` characters (keeping the int typing, as OpenSIPS only shortens
 * the string) or pad with blanks on the right. NULL for a width below 1.
 */
export const width: TransformFn = onText((text, params, input) => {
  const target = numberParam(params[0]);
  if (target === null || target <= 0) return null;
  if (target <= text.length) return withNewText(input, text.slice(0, target));
  return text + " ".repeat(target - text.length);
});

/**
 * The pad of `{s.fill.*,pad,len}` from its literal text, as OpenSIPS's parser takes it: leading
 * blanks skipped, trailing ones dropped from a longer pad, then one pair of surrounding quotes
 * removed (`'0'`, `" "`). Null when nothing is left.
 */
function fillPad(raw: string): string | null {
  let pad = raw.replace(/^[ \t\r\n]+/, "");
  if (pad.length > 1) pad = pad.replace(/[ \t\r\n]+$/, "");
  if (pad.length > 1 && (pad[0] === "'" || pad[0] === '"') && pad[pad.length - 1] === pad[0]) {
    pad = pad.slice(1, -1);
  }
  return pad === "" ? null : pad;
}

/** Padding of exactly `count` characters made of repeated `pad`; a partial pad is aligned to the value. */
function padding(pad: string, count: number, side: "left" | "right"): string {
  const whole = pad.repeat(Math.floor(count / pad.length));
  const partial = count % pad.length;
  if (partial === 0) return whole;
  return side === "left" ? pad.slice(pad.length - partial) + whole : whole + pad.slice(0, partial);
}

function fill(side: "left" | "right"): TransformFn {
  return onText((text, params, input) => {
    const padText = textOf(params[0] ?? null);
    const pad = padText === null ? null : fillPad(padText);
    const target = numberParam(params[1]);
    if (pad === null || target === null) return null;
    // A value already longer is returned untouched, int typing included.
    if (target < text.length) return input;
    const extra = padding(pad, target - text.length, side);
    return side === "left" ? extra + text : text + extra;
  });
}

/** `{s.fill.left,pad,len}` / `{s.fill.right,pad,len}`: pad up to `len` characters. */
export const fillLeft: TransformFn = fill("left");
export const fillRight: TransformFn = fill("right");
