/**
 * topology_hiding()'s arguments (topology_hiding.c w_topology_hiding, fixup_th_params): the flags
 * string — U keeps the Contact username, C hides the Call-ID, D puts the dialog id in the Contact
 * username, a/A keep the Contact advertised to the caller/callee for the whole dialog; other
 * letters are skipped — and the Contact usernames to advertise: `name` for both sides, or
 * `/caller_name[/callee_name]`.
 */

/** The flag bits, as the dialog module numbers them (dlg_hash.h). */
export const KEEP_USER = 1 << 2;
export const HIDE_CALLID = 1 << 3;
export const DID_IN_USER = 1 << 4;
export const KEEP_CALLER_CONTACT = 1 << 5;
export const KEEP_CALLEE_CONTACT = 1 << 6;

const FLAG_LETTERS: ReadonlyMap<string, number> = new Map([
  ["U", KEEP_USER],
  ["C", HIDE_CALLID],
  ["D", DID_IN_USER],
  ["a", KEEP_CALLER_CONTACT],
  ["A", KEEP_CALLEE_CONTACT],
]);

export function parseFlags(text: string | null): number {
  let flags = 0;
  for (const letter of text ?? "") flags |= FLAG_LETTERS.get(letter) ?? 0;
  return flags;
}

/** The Contact usernames to advertise to each side; null where none was given. */
export interface ContactUsers {
  readonly caller: string | null;
  readonly callee: string | null;
}

export function parseContactUsers(text: string | null): ContactUsers {
  const trimmed = (text ?? "").trim();
  if (!trimmed.startsWith("/")) return { caller: trimmed || null, callee: trimmed || null };
  const [caller = "", ...callee] = trimmed.slice(1).split("/");
  return { caller: caller.trim() || null, callee: callee.join("/").trim() || null };
}
