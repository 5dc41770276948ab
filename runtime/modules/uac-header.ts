/**
 * A From/To value cut where uac changes it: the display name and the URI (`"Bob" <sip:b@x>`, or a
 * bare `sip:b@x`), and the header parameters after them, kept as written (`;tag=…`).
 */
import { parseNameAddr } from "../sip/name-addr.ts";
import { closingQuote, trimSip } from "../sip/scan.ts";

export interface AddressParts {
  /** As written, quotes kept; null when there is none. */
  readonly display: string | null;
  readonly uri: string;
  readonly bracketed: boolean;
  /** Everything after the URI (and its `>`), as written. */
  readonly rest: string;
}

/** The parts of a From/To value; null when it is not a name-addr or addr-spec. */
export function addressParts(value: string): AddressParts | null {
  const parsed = parseNameAddr(value);
  if (parsed === null) return null;
  const s = trimSip(value);
  const open = s.indexOf("<", s.startsWith('"') ? closingQuote(s, 0) : 0);
  if (open < 0) {
    const semi = s.indexOf(";");
    return { display: null, uri: parsed.uri, bracketed: false, rest: semi < 0 ? "" : s.slice(semi) };
  }
  return { display: parsed.display, uri: parsed.uri, bracketed: true, rest: s.slice(s.indexOf(">", open) + 1) };
}

/** The display name and URI part of the value (what uac restores in replies). */
export function nameAddrPart(parts: AddressParts): string {
  if (!parts.bracketed) return parts.uri;
  return `${parts.display === null ? "" : `${parts.display} `}<${parts.uri}>`;
}

export function formatAddress(parts: AddressParts): string {
  return nameAddrPart(parts) + parts.rest;
}
