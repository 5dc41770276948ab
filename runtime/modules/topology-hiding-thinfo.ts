/**
 * What the dialog-less mode keeps in the Contact it advertises (th_no_dlg_logic.c
 * build_encoded_contact_suffix / topo_no_dlg_seq_handling): the hidden side's route set (its
 * Record-Routes, comma-separated), its real Contact URI, the topology_hiding() flags (decimal) and
 * the socket the message came in on (`udp:1.2.3.4:5060`), each after its length as a 16-bit
 * little-endian integer (a C `short` on x86), the whole XORed with th_contact_encode_passwd and
 * written in word64 or word32 (th_contact_encode_scheme).
 */
import { Buffer } from "node:buffer";
import type { ContactScheme } from "./topology-hiding-settings.ts";
import { decodeWord, encodeWord, xorWithPassword } from "./topology-hiding-word-codec.ts";

export interface HiddenInfo {
  readonly routes: string;
  readonly contact: string;
  readonly flags: number;
  readonly socket: string;
}

const MAX_FIELD = 0x7fff;

/** The `thinfo` value; null when a field is too long for its 16-bit length. */
export function encodeHiddenInfo(info: HiddenInfo, password: string, scheme: ContactScheme): string | null {
  const fields = [info.routes, info.contact, String(info.flags), info.socket].map((text) => Buffer.from(text, "utf8"));
  if (fields.some((field) => field.length > MAX_FIELD)) return null;
  const plain = Buffer.concat(
    fields.flatMap((field) => {
      const length = Buffer.alloc(2);
      length.writeInt16LE(field.length);
      return [length, field];
    }),
  );
  return encodeWord(xorWithPassword(plain, password), scheme);
}

/** The information in a `thinfo` value, or why it cannot be read. */
export function decodeHiddenInfo(text: string, password: string, scheme: ContactScheme): HiddenInfo | string {
  const decoded = decodeWord(text, scheme);
  if (decoded === null) return `the ${scheme} encoding of <${text}> is broken`;
  const plain = xorWithPassword(decoded, password);
  const fields: string[] = [];
  let at = 0;
  for (let i = 0; i < 4; i++) {
    const length = at + 2 <= plain.length ? plain.readInt16LE(at) : -1;
    if (length < 0 || at + 2 + length > plain.length) return `bad length ${length} in encoded contact`;
    fields.push(plain.toString("utf8", at + 2, at + 2 + length));
    at += 2 + length;
  }
  const [routes, contact, flags, socket] = fields as [string, string, string, string];
  return { routes, contact, flags: /^[0-9]+$/.test(flags) ? Number(flags) : 0, socket };
}
