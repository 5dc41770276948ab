/**
 * Header names: case-insensitive, with the compact forms of RFC 3261 §7.3.3 and later RFCs mapped
 * to their full names. A header's "key" is its full name in lower case (`v`, `VIA` → `via`).
 */

const COMPACT_FORMS: Readonly<Record<string, string>> = {
  a: "accept-contact",
  b: "referred-by",
  c: "content-type",
  d: "request-disposition",
  e: "content-encoding",
  f: "from",
  i: "call-id",
  j: "reject-contact",
  k: "supported",
  l: "content-length",
  m: "contact",
  n: "identity-info",
  o: "event",
  r: "refer-to",
  s: "subject",
  t: "to",
  u: "allow-events",
  v: "via",
  x: "session-expires",
  y: "identity",
};

/** The key of a compact form, by the (lower-case) letter's char code. */
const COMPACT_BY_CODE: readonly (string | undefined)[] = Array.from({ length: 128 }, (_, code) =>
  Object.hasOwn(COMPACT_FORMS, String.fromCharCode(code)) ? COMPACT_FORMS[String.fromCharCode(code)] : undefined,
);

/** The lower-case full name of a header name (`i` → `call-id`, `From` → `from`). */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.length === 1 ? (COMPACT_BY_CODE[lower.charCodeAt(0)] ?? lower) : lower;
}

/**
 * Does header name `name` (as written) stand for `key`? Compares without building the name's key:
 * lookups run often and most names differ from the key in length already.
 */
export function nameMatches(name: string, key: string): boolean {
  if (name.length === 1) {
    const code = lowerCode(name.charCodeAt(0));
    return (COMPACT_BY_CODE[code] ?? String.fromCharCode(code)) === key;
  }
  if (name.length !== key.length) return false;
  for (let i = 0; i < name.length; i++) if (lowerCode(name.charCodeAt(i)) !== key.charCodeAt(i)) return false;
  return true;
}

function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Token characters (RFC 3261 §25.1), the only ones a header name may use. */
const TOKEN_CHARS = new Uint8Array(128);
for (const c of "!%'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_`abcdefghijklmnopqrstuvwxyz~") TOKEN_CHARS[c.charCodeAt(0)] = 1;

export function isTokenName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 128 || TOKEN_CHARS[code] === 0) return false;
  }
  return true;
}
