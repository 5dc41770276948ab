/**
 * IP networks as conditions use them (`$si == 10.0.0.0/8`, spec §6.2): a network written as
 * `addr/bits`, `addr/netmask` or a single address, IPv4 or IPv6 (brackets allowed).
 */
import { parseIp, parseIPv4, samePrefix } from "./transformations/ip-address.ts";

/** The prefix length of a dotted IPv4 netmask (`255.255.0.0` → 16); null for a non-contiguous mask. */
function maskBits(mask: string): number | null {
  const bytes = parseIPv4(mask);
  if (bytes === null) return null;
  const n = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const bits = 32 - Math.log2(2 ** 32 - n);
  return Number.isInteger(bits) ? bits : null;
}

/** Whether `ip` is inside `network`; null when `ip` is not an address or `network` not a network. */
export function ipInNetwork(ip: string, network: string): boolean | null {
  const addr = parseIp(ip);
  const slash = network.indexOf("/");
  const base = parseIp(slash < 0 ? network : network.slice(0, slash));
  if (addr === null || base === null) return null;
  const suffix = network.slice(slash + 1);
  const bits = slash < 0 ? base.length * 8 : /^[0-9]{1,3}$/.test(suffix) ? Number(suffix) : maskBits(suffix);
  if (bits === null || bits > base.length * 8) return null;
  return addr.length === base.length && samePrefix(addr, base, bits);
}
