/**
 * Character-level helpers shared by the SIP parsers: whitespace trimming and splitting a header
 * value on a separator that is not inside a quoted string, `<...>` or a `(comment)`.
 */

const SP = 32;
const HT = 9;
const CR = 13;
const LF = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const LT = 60;
const GT = 62;
const LPAREN = 40;
const RPAREN = 41;

/** SP, HT, CR or LF: the whitespace SIP allows around tokens (folded lines keep their CR LF). */
export function isSipSpace(code: number): boolean {
  return code === SP || code === HT || code === CR || code === LF;
}

/** `text` without leading and trailing SP, HT, CR and LF. */
export function trimSip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSipSpace(text.charCodeAt(start))) start++;
  while (end > start && isSipSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Index of the first `separator` at or after `from` that is outside quotes, angle brackets and
 * parentheses, or -1. A backslash inside a quoted string escapes the next character.
 */
export function findUnnested(text: string, separator: number, from = 0): number {
  let inQuotes = false;
  let angle = 0;
  let paren = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inQuotes = false;
      continue;
    }
    if (c === separator && angle === 0 && paren === 0) return i;
    if (c === QUOTE) inQuotes = true;
    else if (c === LT) angle++;
    else if (c === GT && angle > 0) angle--;
    else if (c === LPAREN) paren++;
    else if (c === RPAREN && paren > 0) paren--;
  }
  return -1;
}

/** Splits on every unnested `separator`; the pieces are trimmed and empty ones dropped. */
export function splitUnnested(text: string, separator: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (;;) {
    const at = findUnnested(text, separator, start);
    const piece = trimSip(at < 0 ? text.slice(start) : text.slice(start, at));
    if (piece !== "") pieces.push(piece);
    if (at < 0) return pieces;
    start = at + 1;
  }
}

/** Index of the quote that closes the quoted string opening at `open`, or -1. */
export function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/**
 * Splits a comma-separated header value (`Via: a, b`, a Contact list, `Allow: INVITE, ACK`) into
 * its elements, never inside a quoted string, `<...>` or a comment.
 */
export function splitHeaderList(value: string): string[] {
  return splitUnnested(value, 44 /* , */);
}

/** Parses every element with `parse`; null as soon as one element does not parse. */
export function parseEach<T>(elements: readonly string[], parse: (element: string) => T | null): T[] | null {
  const parsed: T[] = [];
  for (const element of elements) {
    const item = parse(element);
    if (item === null) return null;
    parsed.push(item);
  }
  return parsed;
}
