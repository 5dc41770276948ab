/**
 * dialplan's `repl_exp` (parsed by re.c parse_repl without a separator): `\0`…`\9` are the
 * subst_exp's groups, `\u` the Request-URI, `\n \r \t` those characters and `\c` any other
 * character itself; a trailing `\` is an error. A `$` starts a pseudo-variable, which the runtime
 * cannot read from table data: such a rule is refused with a log line.
 */

export type ReplacementPiece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "group"; readonly group: number }
  | { readonly kind: "requestUri" };

export interface Replacement {
  /** The text as stored: OpenSIPS copies it as is when the rule has no subst_exp. */
  readonly raw: string;
  readonly pieces: readonly ReplacementPiece[];
  /** How many escapes it has (parse_repl's n_escapes). */
  readonly escapes: number;
  /** The highest group it uses (0 when none). */
  readonly maxGroup: number;
}

const CHAR_ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t" };

/** The parsed replacement, or why it is refused. */
export function parseReplacement(raw: string): Replacement | string {
  const pieces: ReplacementPiece[] = [];
  let escapes = 0;
  let maxGroup = 0;
  const push = (piece: ReplacementPiece): void => {
    const last = pieces.at(-1);
    if (piece.kind === "text" && last?.kind === "text") pieces[pieces.length - 1] = { kind: "text", text: last.text + piece.text };
    else pieces.push(piece);
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "$") return `pseudo-variables in repl_exp are not supported by the runtime: "${raw}"`;
    if (c !== "\\") {
      push({ kind: "text", text: c });
      continue;
    }
    const next = raw[++i];
    if (next === undefined) return `invalid escape char in ${raw}`;
    escapes++;
    if (/[0-9]/.test(next)) {
      maxGroup = Math.max(maxGroup, Number(next));
      push({ kind: "group", group: Number(next) });
    } else if (next === "u") {
      push({ kind: "requestUri" });
    } else {
      push({ kind: "text", text: CHAR_ESCAPES[next] ?? next });
    }
  }
  return { raw, pieces, escapes, maxGroup };
}
