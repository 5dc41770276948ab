/**
 * OpenSIPS's core hash (core_hash without a table size), bit for bit: for each key, the sum of
 * `v ^ (v >> 3)` over its 4-byte big-endian words plus one for the remaining bytes, then a final
 * fold. Arithmetic is unsigned 32-bit; bytes are C `char`s, signed as on x86 (only bytes above
 * 0x7f are affected). Keys are hashed as their UTF-8 bytes.
 */
import { Buffer } from "node:buffer";

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

/** The hash of one or two keys. */
export function coreHash(keys: readonly string[]): number {
  let h = 0;
  for (const key of keys) h = (h + keySum(key)) >>> 0;
  return (h + (h >>> 11) + (h >>> 13) + (h >>> 23)) >>> 0;
}
