/**
 * A dr_gateways.address (routing.c `add_dst`): `host[:port][;params]`, optionally with `sip:`/
 * `sips:` and a `user@`. The R-URI takes everything from the host on; is_from_gw and goes_to_gw
 * compare the IP, the port (5060, or 5061 for TLS/sips, when none is given) and the transport.
 * A hostname is kept for routing but, as nothing is resolved offline, never matches an IP.
 */
import { paramValue } from "../sip/params.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import { parseIp } from "../transformations/ip-address.ts";
import { defaultPort } from "./dispatcher-hash.ts";
import type { GatewayAddress } from "./drouting-data.ts";

export interface ParsedAddress {
  readonly hostPart: string;
  readonly address: GatewayAddress | null;
}

/** The transport a URI asks for: its `transport` parameter, else tls for sips, else udp. */
function transportOf(uri: SipUri): string {
  const transport = paramValue(uri.params, "transport");
  if (typeof transport === "string" && transport !== "") return transport.toLowerCase();
  return uri.scheme === "sips" ? "tls" : "udp";
}

/** The IP, port and transport a URI resolves to without DNS; null for a hostname. */
export function uriAddress(uri: SipUri): GatewayAddress | null {
  const ip = parseIp(uri.host);
  return ip === null ? null : { ip, port: uri.port ?? defaultPort(uri), proto: transportOf(uri) };
}

/** Parses an address; null when it is not a usable SIP URI. */
export function parseGatewayAddress(text: string): ParsedAddress | null {
  const scheme = text.length > 5 ? /^sips?:/i.exec(text)?.[0] ?? "" : "";
  const uri = parseUri(scheme === "" ? `sip:${text}` : text);
  if (uri === null || uri.host === "") return null;
  const afterScheme = text.slice(scheme.length);
  const hostPart = uri.user === null ? afterScheme : afterScheme.slice(afterScheme.indexOf("@") + 1);
  return { hostPart, address: uriAddress(uri) };
}
