/**
 * Byte view of script strings. OpenSIPS works on bytes; a script string here holds one byte per
 * character (latin1, the "binary" form that byte-producing transformations such as
 * `{s.decode.hexa}` return). A string with characters above U+00FF cannot be such a byte string,
 * so it is taken as text and encoded as UTF-8.
 */
import { Buffer } from "node:buffer";

const LATIN1_ONLY = /^[\u0000-\u00ff]*$/;

export function bytesOf(text: string): Buffer {
  return Buffer.from(text, LATIN1_ONLY.test(text) ? "latin1" : "utf8");
}

export function stringOfBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}
