/**
 * Running a parsed substitution over a string, as OpenSIPS's `subst_str` does.
 */
import type { TransformEnv } from "./types.ts";
import type { ReplacementPiece, SubstExpr } from "./subst-expr.ts";
import { textOf } from "./value-text.ts";

/** What OpenSIPS prints for a NULL pseudo-variable. */
const NULL_TEXT = "<null>";

function expand(pieces: readonly ReplacementPiece[], match: RegExpExecArray, env: TransformEnv | undefined): string {
  let out = "";
  for (const piece of pieces) {
    if (piece.kind === "text") out += piece.text;
    else if (piece.kind === "group") out += match[piece.group] ?? "";
    // In a reply there is no request URI; OpenSIPS then leaves `\u` out.
    else if (piece.kind === "requestUri") out += env?.requestUri?.() ?? "";
    else out += textOf(env?.pvAt?.(piece.source, piece.pos)?.value ?? null) ?? NULL_TEXT;
  }
  return out;
}

/**
 * The substituted text; undefined when nothing matches (OpenSIPS then leaves the value as it
 * was); null when a match is empty, which OpenSIPS refuses at run time ("matched string is
 * empty").
 */
export function applySubst(subst: SubstExpr, input: string, env: TransformEnv | undefined): string | null | undefined {
  const { regex } = subst;
  regex.lastIndex = 0;
  let out = "";
  let copied = 0;
  let matched = false;
  for (;;) {
    const match = regex.exec(input);
    if (match === null) break;
    if (match[0] === "") return null;
    matched = true;
    out += input.slice(copied, match.index) + expand(subst.replacement, match, env);
    copied = match.index + match[0].length;
    if (!subst.global) break;
  }
  return matched ? out + input.slice(copied) : undefined;
}
