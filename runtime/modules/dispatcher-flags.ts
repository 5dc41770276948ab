/** The flags of ds_select_dst / ds_select_domain (`fixup_ds_flags`): letters, case-insensitive, spaces ignored. */

export const DS_HASH_USER_ONLY = 1;
export const DS_FAILOVER_ON = 2;
export const DS_USE_DEFAULT = 4;
export const DS_APPEND_MODE = 8;

const FLAG_LETTERS: Readonly<Record<string, number>> = { f: DS_FAILOVER_ON, u: DS_HASH_USER_ONLY, d: DS_USE_DEFAULT, a: DS_APPEND_MODE };

/** `"fud"` as a bit set; null when the text has another letter. */
export function parseSelectFlags(text: string): number | null {
  let flags = 0;
  for (const ch of text.toLowerCase()) {
    if (ch === " ") continue;
    const flag = FLAG_LETTERS[ch];
    if (flag === undefined) return null;
    flags |= flag;
  }
  return flags;
}
