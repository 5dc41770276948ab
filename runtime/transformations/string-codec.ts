/**
 * Hex, base64 and XOR codecs of the `s` class. Results that are arbitrary bytes come back as
 * byte strings (see bytes.ts).
 */
import { Buffer } from "node:buffer";
import type { TransformFn } from "./types.ts";
import { bytesOf, stringOfBytes } from "./bytes.ts";
import { onText } from "./on-text.ts";
import { stringParam } from "./param-values.ts";
import { intOf, isIntTyped, toInt32, withNewText } from "./value-text.ts";

/** Lower-case hex of the bytes. */
export const encodeHexa: TransformFn = onText((text) => bytesOf(text).toString("hex"));

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Pairs of hex digits to bytes; a trailing odd digit is ignored, any non-hex digit gives NULL. */
export const decodeHexa: TransformFn = onText((text) => {
  const bytes = new Uint8Array(Math.floor(text.length / 2));
  for (let i = 0; i < bytes.length; i++) {
    const high = hexDigit(text.charCodeAt(2 * i));
    const low = hexDigit(text.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) return null;
    bytes[i] = high * 16 + low;
  }
  return stringOfBytes(bytes);
});

/**
 * Int-typed value of a hex string (no `0x` prefix; "" is 0), wrapping at 32 bits like OpenSIPS's
 * `hexstr2int`; NULL for a non-hex digit. An int-typed input is already converted.
 */
export const hex2dec: TransformFn = (input) => {
  if (input === null || isIntTyped(input)) return input;
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const digit = hexDigit(input.charCodeAt(i));
    if (digit < 0) return null;
    n = toInt32((n << 4) + digit);
  }
  return n;
};

/** Strict OpenSIPS `str2sint`: an optional sign then only digits ("-" alone is 0, "" fails). */
function strictInt(text: string): number | null {
  const match = /^([+-]?)([0-9]*)$/.exec(text);
  if (match === null || text === "") return null;
  const magnitude = toInt32(Number(match[2] || "0"));
  return match[1] === "-" ? toInt32(-magnitude) : magnitude;
}

/** Lower-case hex (`%x`) of the integer, negative numbers as their 32-bit two's complement. */
export const dec2hex: TransformFn = (input) => {
  if (input === null) return null;
  const int = typeof input === "string" ? strictInt(input) : intOf(input);
  return int === null ? null : (int >>> 0).toString(16);
};

export const b64encode: TransformFn = onText((text) => bytesOf(text).toString("base64"));

export const b64decode: TransformFn = onText((text) => stringOfBytes(Buffer.from(text, "base64")));

/** Each byte XOR-ed with the secret, repeated as needed; the value keeps its int typing. */
export const xor: TransformFn = onText((text, params, input) => {
  const secret = stringParam(params[0]);
  if (secret === null) return null;
  const key = bytesOf(secret);
  const bytes = bytesOf(text);
  for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ key[i % key.length]!;
  return withNewText(input, stringOfBytes(bytes));
});
