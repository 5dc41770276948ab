/**
 * Digests of the `s` class: `{s.md5}`, `{s.crc32}`, `{s.sha*}` and `{s.sha*_hmac,key}`, all
 * computed over the bytes of the string form. Hex digests are lower case.
 */
import { createHash, createHmac } from "node:crypto";
import type { TransformFn } from "./types.ts";
import { bytesOf } from "./bytes.ts";
import { onText } from "./on-text.ts";
import { stringParam } from "./param-values.ts";

type ShaName = "sha1" | "sha224" | "sha256" | "sha384" | "sha512";

export function digest(algorithm: "md5" | ShaName): TransformFn {
  return onText((text) => createHash(algorithm).update(bytesOf(text)).digest("hex"));
}

export function hmac(algorithm: ShaName): TransformFn {
  return onText((text, params) => {
    const key = stringParam(params[0]);
    return key === null ? null : createHmac(algorithm, bytesOf(key)).update(bytesOf(text)).digest("hex");
  });
}

const CRC32_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The standard CRC-32 (as zlib's) as unsigned decimal text. A string, not an int: OpenSIPS sets
 * only the string flag. (OpenSIPS also fixes the length at 10 characters, which garbles the few
 * checksums below 10^9; the digits are returned here.)
 */
export const crc32: TransformFn = onText((text) => {
  let crc = 0xffffffff;
  for (const byte of bytesOf(text)) crc = CRC32_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return String((crc ^ 0xffffffff) >>> 0);
});
