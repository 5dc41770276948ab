/**
 * dispatcher's hash (`ds_get_hash` in dispatch.c), bit for bit: for each key, the sum of
 * `v ^ (v >> 3)` over its 4-byte big-endian words plus one for the remaining bytes, then a final
 * fold; 0 becomes 1. Arithmetic is unsigned 32-bit; bytes are C `char`s, signed as on x86 (only
 * bytes above 0x7f are affected). Keys are hashed as their UTF-8 bytes.
 */
import type { SipUri } from "../sip/uri.ts";
import { paramValue } from "../sip/params.ts";

function signedByte(b: number): number {
  return (b << 24) >> 24;
}

function keySum(key: string): number {
  const bytes = Buffer.from(key, "utf8");
  let h = 0;
  let p = 0;
  for (; p + 4 <= bytes.length; p += 4) {
    const v = ((signedByte(bytes[p]!) << 24) + (signedByte(bytes[p + 1]!) << 16) + (signedByte(bytes[p + 2]!) << 8) + signedByte(bytes[p + 3]!)) >>> 0;
    h = (h + ((v ^ (v >>> 3)) >>> 0)) >>> 0;
  }
  let v = 0;
  for (; p < bytes.length; p++) v = ((v << 8) + signedByte(bytes[p]!)) >>> 0;
  return (h + ((v ^ (v >>> 3)) >>> 0)) >>> 0;
}

/** `ds_get_hash(x, y)` over one or two keys. */
export function dsHash(keys: readonly string[]): number {
  let h = 0;
  for (const key of keys) h = (h + keySum(key)) >>> 0;
  h = (h + (h >>> 11) + (h >>> 13) + (h >>> 23)) >>> 0;
  return h === 0 ? 1 : h;
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
