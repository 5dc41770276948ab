/**
 * The Call-ID the "C" flag shows the callee side (topo_hiding_logic.c dlg_th_encode_callid /
 * dlg_th_decode_callid): th_callid_prefix followed by the caller's Call-ID XORed with
 * th_callid_passwd, in word64. Only a value carrying the prefix is decoded.
 */
import { Buffer } from "node:buffer";
import type { TopologyHidingSettings } from "./topology-hiding-settings.ts";
import { word64Decode, word64Encode, xorWithPassword } from "./topology-hiding-word-codec.ts";

export function encodeCallId(callId: string, settings: TopologyHidingSettings): string {
  return settings.callIdPrefix + word64Encode(xorWithPassword(Buffer.from(callId, "utf8"), settings.callIdPassword));
}

/** Does `callId` carry the prefix of an encoded Call-ID (and something after it)? */
function isEncodedCallId(callId: string, settings: TopologyHidingSettings): boolean {
  return callId.length > settings.callIdPrefix.length && callId.startsWith(settings.callIdPrefix);
}

/** The caller's Call-ID; null when `callId` is not an encoded one. */
export function decodeCallId(callId: string, settings: TopologyHidingSettings): string | null {
  if (!isEncodedCallId(callId, settings)) return null;
  const bytes = word64Decode(callId.slice(settings.callIdPrefix.length));
  return bytes === null ? null : xorWithPassword(bytes, settings.callIdPassword).toString("utf8");
}
