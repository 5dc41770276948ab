/** dispatcher's hash (`ds_get_hash` in dispatch.c) and the URI keys it hashes. */
import { coreHash } from "../core-hash.ts";
import type { SipUri } from "../sip/uri.ts";
import { paramValue } from "../sip/params.ts";

/** `ds_get_hash(x, y)` over one or two keys: OpenSIPS's core hash, 0 becoming 1. */
export function dsHash(keys: readonly string[]): number {
  return coreHash(keys) || 1;
}

/** The default port of the URI's protocol (5060, 5061 for TLS, 80/443 for WS/WSS). */
export function defaultPort(uri: SipUri): number {
  const transport = (paramValue(uri.params, "transport") ?? "").toLowerCase();
  if (transport === "tls" || (uri.scheme === "sips" && transport !== "ws" && transport !== "wss")) return 5061;
  if (transport === "ws") return 80;
  if (transport === "wss") return 443;
  return 5060;
}

/**
 * `get_uri_hash_keys`: the user part, and `host[:port]` (the port only when it is not the
 * protocol's default) unless only the user is hashed ('u' flag). Null for a URI without host.
 */
export function uriHashKeys(uri: SipUri, userOnly: boolean): [string, string] | null {
  if (uri.host === "") return null;
  const user = uri.user ?? "";
  if (userOnly) return [user, ""];
  const port = uri.port !== null && uri.port !== defaultPort(uri) ? `:${uri.port}` : "";
  return [user, uri.host + port];
}
