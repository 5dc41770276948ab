/**
 * Translating an input with one dpid's rules (dp_repl.c translate / rule_translate): among the
 * rules whose timerec matches the engine's clock, the first string rule equal to the input (ASCII
 * case folded when caseless) and the first regex rule that matches it, each in priority order; when both match, the lower priority wins, then the rule
 * loaded first. The output is built from repl_exp alone: its text, the subst_exp's groups and
 * `\u`. Without subst_exp (or without escapes) repl_exp is copied as it is; without repl_exp the
 * output is empty. An output piece that would reach 127 characters is an overflow.
 */
import type { Ctx } from "../ctx.ts";
import { L_DBG, L_ERR, L_WARN } from "../log-level.ts";
import { timeRecExprMatches } from "./drouting-timerec-expr.ts";
import type { DialplanRule, DialplanSet } from "./dialplan-rules.ts";

/** dp_output_buf's size, less the terminating NUL (MAX_PHONE_NB_DIGITS). */
const MAX_OUTPUT = 127;
const MAX_ATTRS = 256;

export interface Translation {
  readonly output: string;
  readonly attrs: string;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function inTime(rule: DialplanRule, seconds: number): boolean {
  return rule.timerec === null || timeRecExprMatches(rule.timerec, seconds);
}

function equalRule(rules: readonly DialplanRule[], input: string, seconds: number): DialplanRule | undefined {
  return rules.find((rule) => {
    if (rule.matchExp.length !== input.length || !inTime(rule, seconds)) return false;
    return rule.caseless ? asciiLower(rule.matchExp) === asciiLower(input) : rule.matchExp === input;
  });
}

function chosenRule(ctx: Ctx, set: DialplanSet, input: string): DialplanRule | undefined {
  const seconds = Math.floor(ctx.engine.env.now() / 1000);
  const byString = equalRule(set.strings, input, seconds);
  const byRegex = set.regexes.find((rule) => inTime(rule, seconds) && rule.match!.test(input));
  if (byString === undefined || byRegex === undefined) return byString ?? byRegex;
  if (byRegex.pr < byString.pr || (byRegex.pr === byString.pr && byRegex.position < byString.position)) return byRegex;
  return byString;
}

/** The output of `rule` for `input`; null (logged) when it cannot be built. */
function ruleOutput(ctx: Ctx, rule: DialplanRule, input: string): string | null {
  const { replacement, subst } = rule;
  if (replacement === null) return "";
  const groups = subst === null ? null : subst.exec(input);
  if (subst !== null && groups === null) {
    ctx.log(L_ERR, `ERROR:dialplan:rule_translate: the string ${input} matched the match_exp ${rule.matchExp} but not the subst_exp ${rule.substExp}!`);
    return null;
  }
  if (groups === null || replacement.escapes === 0) return replacement.raw;
  let output = "";
  for (const [i, piece] of replacement.pieces.entries()) {
    const text = piece.kind === "text" ? piece.text : piece.kind === "group" ? (groups[piece.group] ?? "") : (ctx.msg.ruri ?? "");
    const isTail = piece.kind === "text" && i === replacement.pieces.length - 1;
    if (!isTail && output.length + text.length >= MAX_OUTPUT) {
      ctx.log(L_ERR, "ERROR:dialplan:rule_translate: overflow");
      return null;
    }
    output += text;
  }
  return output;
}

function attributes(ctx: Ctx, rule: DialplanRule): string {
  const attrs = rule.attrs ?? "";
  if (attrs.length < MAX_ATTRS) return attrs;
  ctx.log(L_WARN, `WARNING:dialplan:translate: attribute for rule ${rule.dpid} truncated to ${MAX_ATTRS} chars only`);
  return attrs.slice(0, MAX_ATTRS);
}

/**
 * The translation of a non-empty input (its attributes only when `withAttrs`); null (logged at
 * DBG, or ERR for a broken rule) when there is none.
 */
export function translate(ctx: Ctx, set: DialplanSet, input: string, withAttrs: boolean): Translation | null {
  const rule = chosenRule(ctx, set, input);
  if (rule === undefined) {
    ctx.log(L_DBG, `DBG:dialplan:translate: No matching rule for input ${input}`);
    return null;
  }
  const attrs = withAttrs ? attributes(ctx, rule) : "";
  const output = ruleOutput(ctx, rule, input);
  if (output === null) {
    ctx.log(L_ERR, "ERROR:dialplan:translate: could not build the output");
    return null;
  }
  return { output, attrs };
}
