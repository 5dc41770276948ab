/**
 * OpenSIPS substitution expressions `/regex/replacement/flags` (re.c `subst_parser` and
 * `parse_repl`): any first character but `\` is the delimiter; flags are `i` (ignore case),
 * `s` (`.` and `^$` across newlines) and `g` (all matches). The replacement understands `\0`-`\9`
 * (groups), `\n \r \t \\ \$`, `\u` (the request URI), `\c` for any other `c`, and pseudo-variables.
 */
import type { TransformEnv } from "./types.ts";
import { compileEre } from "../regex.ts";

export type ReplacementPiece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "group"; readonly group: number }
  | { readonly kind: "requestUri" }
  /** A PV spec at `source[pos]`; its value is read per match through TransformEnv.pvAt. */
  | { readonly kind: "pv"; readonly source: string; readonly pos: number };

export interface SubstExpr {
  readonly regex: RegExp;
  readonly replacement: readonly ReplacementPiece[];
  readonly global: boolean;
}

const CHAR_ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t" };

/** The replacement pieces up to the closing delimiter, and the delimiter's index. */
function parseReplacement(
  expr: string,
  start: number,
  delimiter: string,
  env: TransformEnv | undefined,
): { pieces: ReplacementPiece[]; end: number } | null {
  const pieces: ReplacementPiece[] = [];
  let text = "";
  const flushText = (): void => {
    if (text !== "") pieces.push({ kind: "text", text });
    text = "";
  };
  for (let i = start; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === "\\" && i + 1 < expr.length) {
      const next = expr[++i]!;
      if (/[0-9]/.test(next) || next === "u") {
        flushText();
        pieces.push(next === "u" ? { kind: "requestUri" } : { kind: "group", group: Number(next) });
      } else {
        text += CHAR_ESCAPES[next] ?? next;
      }
    } else if (c === "$") {
      const pv = env?.pvAt?.(expr, i);
      if (pv === null || pv === undefined || pv.end <= i) return null;
      flushText();
      pieces.push({ kind: "pv", source: expr, pos: i });
      i = pv.end - 1;
    } else if (c === delimiter) {
      flushText();
      return { pieces, end: i };
    } else {
      text += c;
    }
  }
  return null;
}

/** Parses a substitution expression; null when OpenSIPS would refuse it. */
export function parseSubst(expr: string, env?: TransformEnv): SubstExpr | null {
  if (expr.length < 3 || expr[0] === "\\") return null;
  const delimiter = expr[0]!;
  let reEnd = 1;
  while (reEnd < expr.length && !(expr[reEnd] === delimiter && expr[reEnd - 1] !== "\\")) reEnd++;
  if (reEnd + 2 > expr.length) return null;
  const replacement = parseReplacement(expr, reEnd + 1, delimiter, env);
  if (replacement === null) return null;
  const flags = expr.slice(replacement.end + 1);
  if (!/^[isg]*$/.test(flags)) return null;
  const compiled = compileEre(expr.slice(1, reEnd), {
    ignoreCase: flags.includes("i"),
    newlineSensitive: !flags.includes("s"),
  }).re;
  // Global so that the caller can drive `lastIndex` through the input.
  const regex = compiled === null ? null : new RegExp(compiled.source, compiled.flags + "g");
  return regex === null ? null : { regex, replacement: replacement.pieces, global: flags.includes("g") };
}
