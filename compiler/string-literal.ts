/**
 * String literal values (spec §1.3). Double quotes process `\n \r \t \a \" \\`, `\xH`/`\xHH` and
 * `\NN`/`\NNN` (two or three octal digits); a backslash before a newline is dropped; any other
 * backslash stays as written (so regex escapes like `\.` and `\1` survive). Single quotes are raw.
 */

export interface DecodedString {
  value: string;
  /**
   * When requested: for every character of `value`, the offset in the script text it came from,
   * plus one final entry for the offset of the closing quote.
   */
  offsets?: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", a: "\x07", '"': '"', "\\": "\\" };

/** `image` is the whole token including quotes; `start` its offset in the script text. */
export function decodeString(image: string, start: number, withOffsets: boolean): DecodedString {
  const inner = image.slice(1, -1);
  if (image[0] === "'" || !inner.includes("\\")) {
    if (!withOffsets) return { value: inner };
    const offsets = Array.from({ length: inner.length }, (_, i) => start + 1 + i);
    offsets.push(start + image.length - 1);
    return { value: inner, offsets };
  }
  let value = "";
  const offsets: number[] | undefined = withOffsets ? [] : undefined;
  let i = 0;
  while (i < inner.length) {
    const escape = inner[i] === "\\" ? readEscape(inner, i) : { text: inner[i]!, length: 1 };
    value += escape.text;
    if (offsets) for (let k = 0; k < escape.text.length; k++) offsets.push(start + 1 + i);
    i += escape.length;
  }
  offsets?.push(start + image.length - 1);
  return { value, offsets };
}

function readEscape(s: string, i: number): { text: string; length: number } {
  const next = s[i + 1];
  if (next === undefined) return { text: "\\", length: 1 };
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { text: simple, length: 2 };
  if (next === "\n") return { text: "", length: 2 };
  if (next === "x") {
    const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2, i + 4));
    if (hex) return { text: String.fromCharCode(parseInt(hex[0], 16)), length: 2 + hex[0].length };
  }
  const octal = /^[0-7]{2,3}/.exec(s.slice(i + 1, i + 4));
  if (octal) return { text: String.fromCharCode(parseInt(octal[0], 8) & 0xff), length: 1 + octal[0].length };
  return { text: "\\", length: 1 };
}
