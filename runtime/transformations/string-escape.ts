/**
 * `{s.escape.*}` / `{s.unescape.*}`: backslash escaping for SQL-ish quoting (`common`) and
 * percent escaping for URI user parts and parameters.
 */
import type { TransformFn } from "./types.ts";
import { bytesOf } from "./bytes.ts";
import { onText } from "./on-text.ts";

/** Backslash before `'`, `"` and `\`; NUL becomes `\0`. */
export const escapeCommon: TransformFn = onText((text) =>
  text.replace(/['"\\\0]/g, (c) => (c === "\0" ? "\\0" : `\\${c}`)),
);

/** The reverse of escapeCommon; any other backslash is kept. */
export const unescapeCommon: TransformFn = onText((text) =>
  text.replace(/\\(['"\\0])/g, (_m, c: string) => (c === "0" ? "\0" : c)),
);

const USER_UNRESERVED = /[A-Za-z0-9\-_.!~*'()&=+$,;?]/;
const PARAM_RESERVED = /[ ?&=,;"]/;

/**
 * Percent-escapes (lower-case hex) the printable characters matched by `mustEscape`; NULL when
 * the value holds a byte outside printable ASCII.
 */
function percentEscape(mustEscape: (c: string) => boolean): TransformFn {
  return onText((text) => {
    let out = "";
    for (const byte of bytesOf(text)) {
      if (byte < 32 || byte > 126) return null;
      const c = String.fromCharCode(byte);
      out += mustEscape(c) ? `%${byte.toString(16).padStart(2, "0")}` : c;
    }
    return out;
  });
}

/** Everything but RFC 3261's unreserved and user-unreserved characters (`/` is escaped too). */
export const escapeUser: TransformFn = percentEscape((c) => !USER_UNRESERVED.test(c));

/** Only the characters that would end or split a URI parameter: SP ? & = , ; " */
export const escapeParam: TransformFn = percentEscape((c) => PARAM_RESERVED.test(c));

/**
 * `%XX` sequences back to characters; NULL for a bad or truncated sequence or one that encodes a
 * character outside printable ASCII (OpenSIPS's `unescape_user`, also used for params).
 */
export const unescapePercent: TransformFn = onText((text) => {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "%") {
      out += text[i];
      continue;
    }
    const hex = text.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
    const code = parseInt(hex, 16);
    if (code < 32 || code > 126) return null;
    out += String.fromCharCode(code);
    i += 2;
  }
  return out;
});
