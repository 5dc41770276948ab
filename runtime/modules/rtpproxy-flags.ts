/**
 * The flags string of rtpproxy_offer/answer/engage, read as rtpproxy_offer_answer() reads it,
 * one character at a time, case-insensitively: `a` asymmetric (the SDP address is used), `i`/`e`
 * bridge directions, `s`/`w` symmetric — these become command modifiers (`A` `I` `E` `S`); `l`
 * lookup only, `k` keep the body, `f` force (ignore the nortpproxy marker), `r` trust the SDP
 * address, `c` rewrite the session-level c= too, `o` rewrite the o= address; `z<n>`
 * repacketization, `t<n>` TTL; `n[<socket>]` timeout and `d[<n>]` DTMF notifications. An unknown
 * character is logged and passed to rtpproxy as a modifier.
 */
export interface RtpproxyFlags {
  /** Modifiers after the U/L command letter. */
  readonly modifiers: string;
  /** `z<n>` (sent only to a node that can repacketize). */
  readonly repacketize: string;
  /** `t<n>` (sent only to a node that can change the TTL). */
  readonly ttl: string;
  readonly asymmetric: boolean;
  readonly lookup: boolean;
  readonly keepBody: boolean;
  readonly force: boolean;
  /** The SDP address is sent to rtpproxy, not the message's source address. */
  readonly trustAddress: boolean;
  readonly sessionConnection: boolean;
  readonly origin: boolean;
  readonly notify: boolean;
  readonly dtmf: boolean;
  /** Characters that are no flag (each logged by OpenSIPS as an unknown option). */
  readonly unknown: readonly string[];
}

const MODIFIERS: Readonly<Record<string, string>> = { a: "A", i: "I", e: "E", s: "S", w: "S" };

/** The digits starting at `from`. */
function digitsAt(text: string, from: number): string {
  return /^[0-9]*/.exec(text.slice(from))![0];
}

export function parseFlags(text: string): RtpproxyFlags {
  let modifiers = "";
  let repacketize = "";
  let ttl = "";
  const on = new Set<string>();
  const unknown: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const lower = c.toLowerCase();
    if (MODIFIERS[lower] !== undefined) {
      modifiers += MODIFIERS[lower];
      if (lower === "a") on.add("a").add("r");
    } else if (lower === "z" || lower === "t") {
      const digits = digitsAt(text, i + 1);
      if (lower === "z") repacketize += `Z${digits}`;
      else ttl += `${c}${digits}`;
      i += digits.length;
    } else if (lower === "d") {
      on.add(lower);
      i += digitsAt(text, i + 1).length;
    } else if (lower === "n") {
      on.add(lower);
      if (text[i + 1] === "<") {
        const close = text.indexOf(">", i + 2);
        i = close < 0 ? text.length : close;
      }
    } else if ("lkfrco".includes(lower)) {
      on.add(lower);
    } else {
      unknown.push(c);
      modifiers += c;
    }
  }
  return {
    modifiers,
    repacketize,
    ttl,
    asymmetric: on.has("a"),
    lookup: on.has("l"),
    keepBody: on.has("k"),
    force: on.has("f"),
    trustAddress: on.has("r"),
    sessionConnection: on.has("c"),
    origin: on.has("o"),
    notify: on.has("n"),
    dtmf: on.has("d"),
    unknown,
  };
}
