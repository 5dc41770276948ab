/**
 * IP address text ⇄ bytes as OpenSIPS's `str2ip`, `str2ip6` and `ip_addr2a` do it.
 */

/**
 * Dotted IPv4 with exactly three dots. OpenSIPS is lenient here and so is this: an empty part is
 * 0 and a part above 255 wraps (`256.1.1.1` is 0.1.1.1).
 */
export function parseIPv4(text: string): Uint8Array | null {
  if (!/^[0-9]*\.[0-9]*\.[0-9]*\.[0-9]*$/.test(text)) return null;
  return Uint8Array.from(text.split("."), (part) => Number(part || "0") % 256);
}

function groupsOf(text: string): number[] | null {
  if (text === "") return [];
  const groups = text.split(":");
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/** IPv6 with optional brackets and at most one `::` (no embedded dotted IPv4). */
export function parseIPv6(text: string): Uint8Array | null {
  const inner = text.startsWith("[") ? (text.endsWith("]") ? text.slice(1, -1) : null) : text;
  if (inner === null || !inner.includes(":")) return null;
  const halves = inner.split("::");
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff]));
}

export function parseIp(text: string): Uint8Array | null {
  return parseIPv4(text) ?? parseIPv6(text);
}

/** Dotted decimal, or eight upper-case hex groups without zero compression (`ip_addr2a`). */
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return bytes.join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16).toUpperCase());
  return groups.join(":");
}

/** True when the first `bits` bits of both addresses (of the same family) are equal. */
export function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; i < a.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}
