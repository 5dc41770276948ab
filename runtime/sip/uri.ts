/**
 * SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966): parsing into parts and formatting back.
 * Parts keep their escaped form (`alice%40home` stays as written), as OpenSIPS returns them.
 */
import { formatHostPort, parseHostPort } from "./host-port.ts";
import { formatParams, parseParams, type Param } from "./params.ts";

export interface SipUri {
  /** Lower-case: `sip`, `sips`, `tel` or `tels`. */
  readonly scheme: string;
  /** The user part (for tel: the number); null when there is none. */
  readonly user: string | null;
  readonly password: string | null;
  /** Empty for tel: URIs; IPv6 references keep their brackets. */
  readonly host: string;
  readonly port: number | null;
  readonly params: readonly Param[];
  /** `?name=value&...` headers, in order; value null when written without `=`. */
  readonly headers: readonly Param[];
}

const FORBIDDEN = /[\s<>"]/;

/** Parses a `sip:`, `sips:`, `tel:` or `tels:` URI; null for anything malformed. */
export function parseUri(text: string): SipUri | null {
  const colon = text.indexOf(":");
  if (colon <= 0 || FORBIDDEN.test(text)) return null;
  const scheme = text.slice(0, colon).toLowerCase();
  const rest = text.slice(colon + 1);
  if (scheme === "sip" || scheme === "sips") return parseSipUri(scheme, rest);
  if (scheme === "tel" || scheme === "tels") return parseTelUri(scheme, rest);
  return null;
}

function parseSipUri(scheme: string, rest: string): SipUri | null {
  const question = rest.indexOf("?");
  const main = question < 0 ? rest : rest.slice(0, question);
  const headers = question < 0 ? [] : parseUriHeaders(rest.slice(question + 1));
  if (headers === null) return null;

  const at = main.indexOf("@");
  let user: string | null = null;
  let password: string | null = null;
  if (at >= 0) {
    const userinfo = main.slice(0, at);
    const pc = userinfo.indexOf(":");
    user = pc < 0 ? userinfo : userinfo.slice(0, pc);
    password = pc < 0 ? null : userinfo.slice(pc + 1);
    if (user === "") return null;
  }
  const hostPart = main.slice(at + 1);
  const semi = hostPart.indexOf(";", hostPart.charCodeAt(0) === 91 /* [ */ ? hostPart.indexOf("]") : 0);
  const hostPort = parseHostPort(semi < 0 ? hostPart : hostPart.slice(0, semi));
  if (hostPort === null) return null;
  const params = semi < 0 ? [] : parseParams(hostPart.slice(semi + 1));
  return { scheme, user, password, host: hostPort.host, port: hostPort.port, params, headers };
}

function parseTelUri(scheme: string, rest: string): SipUri | null {
  const semi = rest.indexOf(";");
  const number = semi < 0 ? rest : rest.slice(0, semi);
  if (number === "" || number.includes("@") || number.includes("?")) return null;
  const params = semi < 0 ? [] : parseParams(rest.slice(semi + 1));
  return { scheme, user: number, password: null, host: "", port: null, params, headers: [] };
}

function parseUriHeaders(text: string): Param[] | null {
  const headers: Param[] = [];
  for (const piece of text.split("&")) {
    if (piece === "") return null;
    const eq = piece.indexOf("=");
    headers.push(eq < 0 ? { name: piece, value: null } : { name: piece.slice(0, eq), value: piece.slice(eq + 1) });
  }
  return headers;
}

/** The URI as text; `formatUri(parseUri(t)!)` gives `t` back for well-formed input. */
export function formatUri(uri: SipUri): string {
  if (uri.scheme === "tel" || uri.scheme === "tels") {
    return `${uri.scheme}:${uri.user ?? ""}${formatParams(uri.params)}`;
  }
  let text = `${uri.scheme}:`;
  if (uri.user !== null) text += uri.password === null ? `${uri.user}@` : `${uri.user}:${uri.password}@`;
  text += formatHostPort(uri.host, uri.port) + formatParams(uri.params);
  if (uri.headers.length > 0) text += `?${uriHeadersText(uri)}`;
  return text;
}

/** `params` text without the leading `;` (what `{uri.params}` returns). */
export function uriParamsText(uri: SipUri): string {
  return formatParams(uri.params).slice(1);
}

/** `headers` text without the leading `?` (what `{uri.headers}` returns). */
export function uriHeadersText(uri: SipUri): string {
  return uri.headers.map((h) => (h.value === null ? h.name : `${h.name}=${h.value}`)).join("&");
}
