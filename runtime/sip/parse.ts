/**
 * Entry point: raw text or bytes to a SipMessage, or an error message. Never throws.
 */
import type { Buffer } from "node:buffer";
import { SipMessage } from "./message.ts";
import { splitSipMessage } from "./split.ts";

export type ParseResult = { readonly ok: true; readonly msg: SipMessage } | { readonly ok: false; readonly error: string };

export function parseSipMessage(raw: string | Buffer): ParseResult {
  const parts = splitSipMessage(raw);
  if ("error" in parts) return { ok: false, error: parts.error };
  return { ok: true, msg: new SipMessage(parts) };
}
