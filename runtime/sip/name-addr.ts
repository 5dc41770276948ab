/**
 * name-addr / addr-spec values (RFC 3261 §20.10, §25.1): From, To, Contact, Route, Record-Route,
 * P-Asserted-Identity... `"Bob" <sip:bob@x.org>;tag=abc`, `<sip:a@b>`, or a bare `sip:a@b;tag=x`
 * where the parameters after a bare URI belong to the header, not to the URI.
 */
import { formatParams, parseParams, type Param } from "./params.ts";
import { closingQuote, isSipSpace, parseEach, splitHeaderList, trimSip } from "./scan.ts";

export interface NameAddr {
  /** The display name as written (quotes kept, as OpenSIPS's `$fn` returns it), or null. */
  readonly display: string | null;
  /** The URI text: inside `<...>`, or the bare addr-spec. */
  readonly uri: string;
  /** Header parameters (after `>` or after a bare URI). */
  readonly params: readonly Param[];
}

/** Parses one name-addr or addr-spec; null when malformed. */
export function parseNameAddr(text: string): NameAddr | null {
  const s = trimSip(text);
  let display: string | null = null;
  let open: number;
  if (s.charCodeAt(0) === 34 /* " */) {
    const close = closingQuote(s, 0);
    if (close < 0) return null;
    display = s.slice(0, close + 1);
    open = close + 1;
    while (open < s.length && isSipSpace(s.charCodeAt(open))) open++;
    if (s.charCodeAt(open) !== 60 /* < */) return null;
  } else {
    open = s.indexOf("<");
    if (open > 0) display = trimSip(s.slice(0, open));
  }
  if (open < 0) return parseAddrSpec(s);

  const close = s.indexOf(">", open);
  if (close < 0) return null;
  const uri = trimSip(s.slice(open + 1, close));
  const rest = trimSip(s.slice(close + 1));
  if (uri === "" || (rest !== "" && rest.charCodeAt(0) !== 59 /* ; */)) return null;
  return { display, uri, params: parseParams(rest) };
}

function parseAddrSpec(s: string): NameAddr | null {
  const semi = s.indexOf(";");
  const uri = semi < 0 ? s : trimSip(s.slice(0, semi));
  if (uri === "" || /[\s>]/.test(uri)) return null;
  return { display: null, uri, params: semi < 0 ? [] : parseParams(s.slice(semi + 1)) };
}

/** Parses a comma-separated list (a Contact or Route header); null when any element is malformed. */
export function parseNameAddrList(text: string): NameAddr[] | null {
  return parseEach(splitHeaderList(text), parseNameAddr);
}

/** `display <uri>;params` (always with angle brackets, so URI parameters stay with the URI). */
export function formatNameAddr(nameAddr: NameAddr): string {
  const display = nameAddr.display === null ? "" : `${nameAddr.display} `;
  return `${display}<${nameAddr.uri}>${formatParams(nameAddr.params)}`;
}

/** The display name without its quotes and backslash escapes (`"Bob \"B\""` → `Bob "B"`). */
export function unquoteDisplayName(display: string): string {
  if (display.length < 2 || display.charCodeAt(0) !== 34 || display.charCodeAt(display.length - 1) !== 34) {
    return display;
  }
  return display.slice(1, -1).replace(/\\(.)/gs, "$1");
}
