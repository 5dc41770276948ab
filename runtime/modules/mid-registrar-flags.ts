/**
 * mid_registrar_save's flags (lib/reg's reg_parse_save_flags): `r` no reply, `o` only the
 * request's contacts in the 200 OK, `f` force registration past max_contacts (dropping the oldest
 * contacts), `cNN` max contacts. `m` (memory only), `s`, `v`, `eNN`/`ENN`, `pN` and `M…` are read
 * and change nothing here: usrloc is in memory, and the mid-registrar drops Path headers and uses
 * its own expiry limits and contact matching.
 */
import type { Ctx } from "../ctx.ts";
import { L_WARN } from "../log-level.ts";

export interface SaveFlags {
  readonly noReply: boolean;
  readonly requestContactsOnly: boolean;
  readonly force: boolean;
  /** From `cNN`; null: the max_contacts parameter applies. */
  readonly maxContacts: number | null;
}

/** The length of the flag's argument at `text[from]`: digits, one character, or `<name>`. */
function argumentLength(flag: string, text: string, from: number): number {
  if (flag === "c" || flag === "e" || flag === "E") return /^[0-9]*/.exec(text.slice(from))![0].length;
  if (flag === "p") return from < text.length ? 1 : 0;
  if (flag !== "M" || from >= text.length) return 0;
  if (text[from] !== "<") return 1;
  const close = text.indexOf(">", from);
  return close < 0 ? text.length - from : close - from + 1;
}

export function parseSaveFlags(ctx: Ctx, text: string | null): SaveFlags {
  let noReply = false;
  let requestContactsOnly = false;
  let force = false;
  let maxContacts: number | null = null;
  const flags = text ?? "";
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const length = argumentLength(flag, flags, i + 1);
    if (flag === "r") noReply = true;
    else if (flag === "o") requestContactsOnly = true;
    else if (flag === "f") force = true;
    else if (flag === "c") maxContacts = length === 0 ? 0 : Number(flags.slice(i + 1, i + 1 + length));
    else if (!"msveEpM".includes(flag)) ctx.log(L_WARN, `WARNING:mid_registrar:reg_parse_save_flags: unsupported flag ${flag}`);
    i += length;
  }
  return { noReply, requestContactsOnly, force, maxContacts };
}
