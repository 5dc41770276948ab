/**
 * Rewriting SDP text by offsets, as OpenSIPS's lumps do: every change names a span of the text
 * as received, and they are applied together.
 */
import type { SdpAddress, Span } from "./rtpproxy-sdp.ts";

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = "";
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

export function isNullAddress(address: string, family: 4 | 6): boolean {
  return family === 6 ? /^[0:]*$/.test(address) : address === "0.0.0.0";
}

/** A span replaced, unless it already reads `text`. */
export function replaceSpan(span: Span, text: string): Edit | null {
  return span.text === text ? null : { start: span.start, end: span.end, text };
}

/**
 * alter_mediaip(): the address of a `c=`/`o=` line replaced by `address` (switching `IP4`/`IP6`
 * to `family`); nothing for a null address of the same family (media on hold) or the same address.
 */
export function replaceAddress(old: SdpAddress, address: string, family: 4 | 6): Edit | null {
  if (old.family === family) return isNullAddress(old.text, old.family) ? null : replaceSpan(old, address);
  return { start: old.familyAt, end: old.end, text: `${family} ${address}` };
}
