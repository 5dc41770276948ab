/**
 * Every text that comes from a `.cfg` file reaches the emitted code through `jsString`, so no
 * quote, backslash, line terminator or markup in a script can end the literal or the file early.
 */

const UNSAFE_IN_JSON_TEXT = /[\u2028\u2029]|<(?=[/!])/g;
const HAS_UNSAFE = /[\u2028\u2029]|<[/!]/;

/**
 * A double-quoted JS string literal for `text`: JSON escaping (quotes, backslashes, control
 * characters, lone surrogates) plus U+2028/U+2029 and `</` / `<!` (so the code can be inlined in
 * an HTML `<script>` without `</script>` or `<!--` ending it).
 */
export function jsString(text: string): string {
  const json = JSON.stringify(text);
  if (!HAS_UNSAFE.test(json)) return json;
  return json.replace(UNSAFE_IN_JSON_TEXT, (ch) => (ch === "<" ? "\\x3C" : ch === "\u2028" ? "\\u2028" : "\\u2029"));
}

/** A number literal (the emitter only places numbers where a unary minus needs no parentheses). */
export function jsNumber(value: number): string {
  return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : "0";
}
