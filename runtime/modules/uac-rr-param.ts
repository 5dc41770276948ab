/**
 * The Record-Route parameter in which uac keeps the original From/To URI (replace.c
 * encode_uri/decode_uri): the old and new URIs XORed together (the longer one padded by itself),
 * XORed with restore_passwd, in base64 with `-` for padding. A sequential request carries the
 * new URI, so XORing the decoded value with it gives the original back.
 */
import { Buffer } from "node:buffer";

function xorInto(target: Buffer, other: Buffer): Buffer {
  for (let i = 0; i < Math.min(target.length, other.length); i++) target[i]! ^= other[i]!;
  return target;
}

function withPassword(bytes: Buffer, password: string): Buffer {
  const key = Buffer.from(password, "utf8");
  if (key.length > 0) for (let i = 0; i < bytes.length; i++) bytes[i]! ^= key[i % key.length]!;
  return bytes;
}

export function encodeUriPair(original: string, replacement: string, password: string): string {
  const a = Buffer.from(original, "utf8");
  const b = Buffer.from(replacement, "utf8");
  const mixed = a.length > b.length ? xorInto(Buffer.from(a), b) : xorInto(Buffer.from(b), a);
  return withPassword(mixed, password).toString("base64").replace(/=/g, "-");
}

/** The URI `current` replaced, from the parameter value; null when it does not decode or cannot hold it. */
export function decodeUriPair(encoded: string, current: string, password: string): string | null {
  if (!/^[A-Za-z0-9+/]*-{0,2}$/.test(encoded) || encoded.length % 4 !== 0) return null;
  const mixed = withPassword(Buffer.from(encoded.replace(/-/g, "="), "base64"), password);
  const now = Buffer.from(current, "utf8");
  if (mixed.length < now.length) return null;
  let original = xorInto(mixed, now);
  if (original.length === now.length) {
    let end = original.length;
    while (end > 0 && original[end - 1] === 0) end--;
    original = original.subarray(0, end);
  }
  return original.length === 0 ? null : original.toString("utf8");
}
