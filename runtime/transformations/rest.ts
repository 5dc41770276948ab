/**
 * The `rest` class of rest_client: `{rest.escape}` / `{rest.unescape}`, libcurl's URL escaping
 * (`curl_easy_escape`: every byte but `A-Z a-z 0-9 - . _ ~` as upper-case `%XX`;
 * `curl_easy_unescape`: `%XX` back to bytes, anything else, `+` included, kept as is).
 */
import type { TransformFn } from "./types.ts";
import { bytesOf, stringOfBytes } from "./bytes.ts";
import { onText } from "./on-text.ts";

export const escape: TransformFn = onText((text) => {
  let out = "";
  for (const byte of bytesOf(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
});

export const unescape: TransformFn = onText((text) => {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "%" ? text.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...bytesOf(text[i]!));
    }
  }
  return stringOfBytes(Uint8Array.from(bytes));
});
