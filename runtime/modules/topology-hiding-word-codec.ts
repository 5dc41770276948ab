/**
 * The text encodings topology_hiding puts in SIP words (ut.c): "word64" is base64 with `+` and `.`
 * as the last two digits and `-` for padding, "word32" is base32 (RFC 4648 digits) with `-` for
 * padding; both fit a URI parameter or a Call-ID. The bytes are first XORed with a password.
 */
import { Buffer } from "node:buffer";
import type { ContactScheme } from "./topology-hiding-settings.ts";

const WORD64 = /^[A-Za-z0-9+.]*-{0,2}$/;
const BASE32_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** XORs `bytes` in place with the password repeated; an empty password leaves them as they are. */
export function xorWithPassword(bytes: Buffer, password: string): Buffer {
  const key = Buffer.from(password, "utf8");
  if (key.length > 0) for (let i = 0; i < bytes.length; i++) bytes[i]! ^= key[i % key.length]!;
  return bytes;
}

export function word64Encode(bytes: Buffer): string {
  return bytes.toString("base64").replace(/\//g, ".").replace(/=/g, "-");
}

/** null when `text` is not word64 (wrong digits or length). */
export function word64Decode(text: string): Buffer | null {
  if (!WORD64.test(text) || text.length % 4 !== 0) return null;
  return Buffer.from(text.replace(/\./g, "/").replace(/-/g, "="), "base64");
}

export function word32Encode(bytes: Buffer): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 5) {
    const group = bytes.subarray(i, i + 5);
    const bits = Array.from(group, (b) => b.toString(2).padStart(8, "0")).join("");
    const digits = Math.ceil(bits.length / 5);
    for (let d = 0; d < digits; d++) out += BASE32_DIGITS[parseInt(bits.slice(d * 5, d * 5 + 5).padEnd(5, "0"), 2)];
    out += "-".repeat(8 - digits);
  }
  return out;
}

/** null when `text` is not word32 (lower-case digits are accepted, as OpenSIPS does). */
export function word32Decode(text: string): Buffer | null {
  if (text.length % 8 !== 0 || !/^[A-Za-z2-7]*-*$/.test(text)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 8) {
    const digits = text.slice(i, i + 8).replace(/-+$/, "");
    if (digits.includes("-") || (i + 8 < text.length && digits.length < 8)) return null;
    const bits = Array.from(digits.toUpperCase(), (c) => BASE32_DIGITS.indexOf(c).toString(2).padStart(5, "0")).join("");
    for (let b = 0; b + 8 <= bits.length; b += 8) bytes.push(parseInt(bits.slice(b, b + 8), 2));
  }
  return Buffer.from(bytes);
}

export function encodeWord(bytes: Buffer, scheme: ContactScheme): string {
  return scheme === "base64" ? word64Encode(bytes) : word32Encode(bytes);
}

export function decodeWord(text: string, scheme: ContactScheme): Buffer | null {
  return scheme === "base64" ? word64Decode(text) : word32Decode(text);
}
