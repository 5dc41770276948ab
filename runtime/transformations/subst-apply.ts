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

/** One match of a substitution: `input.slice(start, end)` is to become `replacement`. */
export interface SubstMatch {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/**
 * The matches a substitution replaces (only the first without the `g` flag), in input order;
 * null when a match is empty, which OpenSIPS refuses at run time ("matched string is empty").
 */
export function substMatches(subst: SubstExpr, input: string, env: TransformEnv | undefined): SubstMatch[] | null {
  const { regex } = subst;
  regex.lastIndex = 0;
  const matches: SubstMatch[] = [];
  for (;;) {
    const match = regex.exec(input);
    if (match === null) break;
    if (match[0] === "") return null;
    matches.push({ start: match.index, end: match.index + match[0].length, replacement: expand(subst.replacement, match, env) });
    if (!subst.global) break;
  }
  return matches;
}

/** `input` with every match replaced. */
export function spliceMatches(input: string, matches: readonly SubstMatch[]): string {
  let out = "";
  let copied = 0;
  for (const match of matches) {
    out += input.slice(copied, match.start) + match.replacement;
    copied = match.end;
  }
  return out + input.slice(copied);
}

/**
 * The substituted text; undefined when nothing matches (OpenSIPS then leaves the value as it
 * was); null when a match is empty.
 */
export function applySubst(subst: SubstExpr, input: string, env: TransformEnv | undefined): string | null | undefined {
  const matches = substMatches(subst, input, env);
  if (matches === null) return null;
  return matches.length === 0 ? undefined : spliceMatches(input, matches);
}
