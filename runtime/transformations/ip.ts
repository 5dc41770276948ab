/**
 * The `ip` class. `family` and `ntop` take the binary form (4 or 16 bytes, as `pton` gives);
 * the `is*` tests and `matches` give int-typed 1/0.
 */
import type { TransformFn } from "./types.ts";
import { bytesOf, stringOfBytes } from "./bytes.ts";
import { formatIp, parseIPv4, parseIPv6, parseIp, samePrefix } from "./ip-address.ts";
import { onNonEmptyText } from "./on-text.ts";
import { stringParam } from "./param-values.ts";

/** "INET" for 4 bytes, "INET6" for 16, NULL otherwise. */
export const family: TransformFn = onNonEmptyText((text) => {
  const length = bytesOf(text).length;
  return length === 4 ? "INET" : length === 16 ? "INET6" : null;
});

export const ntop: TransformFn = onNonEmptyText((text) => {
  const bytes = bytesOf(text);
  return bytes.length === 4 || bytes.length === 16 ? formatIp(bytes) : null;
});

export const pton: TransformFn = onNonEmptyText((text) => {
  const bytes = parseIp(text);
  return bytes === null ? null : stringOfBytes(bytes);
});

export const isip: TransformFn = onNonEmptyText((text) => (parseIp(text) === null ? 0 : 1));
export const isip4: TransformFn = onNonEmptyText((text) => (parseIPv4(text) === null ? 0 : 1));
export const isip6: TransformFn = onNonEmptyText((text) => (parseIPv6(text) === null ? 0 : 1));

/**
 * `{ip.resolve}` resolves a host name in OpenSIPS. Transformations are synchronous here and do no
 * DNS: an IP address gives its canonical text (as resolving it would), any name gives NULL, the
 * result OpenSIPS gives for a name that does not resolve.
 */
export const resolve: TransformFn = onNonEmptyText((text) => {
  const bytes = parseIp(text);
  return bytes === null ? null : formatIp(bytes);
});

/**
 * `{ip.matches,net}` with `net` as `address/bits`: 1 when the value is inside it, 0 when not,
 * NULL when either side is malformed or the families differ.
 */
export const matches: TransformFn = onNonEmptyText((text, params) => {
  const ip = parseIp(text);
  const net = stringParam(params[0]);
  const slash = net === null ? -1 : net.indexOf("/");
  if (ip === null || net === null || slash < 0) return null;
  const base = parseIp(net.slice(0, slash));
  const bitsText = net.slice(slash + 1);
  if (base === null || !/^[0-9]+$/.test(bitsText) || Number(bitsText) > base.length * 8) return null;
  if (base.length !== ip.length) return null;
  return samePrefix(ip, base, Number(bitsText)) ? 1 : 0;
});

const PRIVATE_V4: readonly (readonly [Uint8Array, number])[] = [
  [Uint8Array.of(10, 0, 0, 0), 8],
  [Uint8Array.of(172, 16, 0, 0), 12],
  [Uint8Array.of(192, 168, 0, 0), 16],
  [Uint8Array.of(100, 64, 0, 0), 10],
];

/** 1 for IPv4 addresses in RFC 1918 space or RFC 6598 shared space (100.64/10), else 0. */
export const isprivate: TransformFn = onNonEmptyText((text) => {
  const ip = parseIPv4(text);
  if (ip === null) return 0;
  return PRIVATE_V4.some(([net, bits]) => samePrefix(ip, net, bits)) ? 1 : 0;
});
