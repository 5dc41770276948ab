/**
 * Conditions (spec §6.2–§6.4, §5.3): comparisons, truthiness, `[ … ]`, `!` and switch labels.
 * Every result is 1 (true), 0 (false) or -1 (error, logged as a warning, counts as false).
 */
import { logActive } from "./active.ts";
import type { Ctx } from "./ctx.ts";
import { ipInNetwork } from "./ip.ts";
import { L_ERR, L_WARN } from "./log-level.ts";
import { isMyself } from "./myself.ts";
import { regexOfText, type ScriptRegex } from "./regex.ts";
import { ERROR, type Operand } from "./script-error.ts";
import { intOf, textOf } from "./transformations/value-text.ts";
import type { Value } from "./value.ts";

type Ordering = "eq" | "ne" | "lt" | "gt" | "le" | "ge";

/** Case-insensitive (ASCII) ordering: over the common prefix, then by length (strncasecmp). */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = lowerCode(a.charCodeAt(i));
    const y = lowerCode(b.charCodeAt(i));
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function holds(ordering: Ordering, diff: number): 0 | 1 {
  switch (ordering) {
    case "eq":
      return diff === 0 ? 1 : 0;
    case "ne":
      return diff !== 0 ? 1 : 0;
    case "lt":
      return diff < 0 ? 1 : 0;
    case "gt":
      return diff > 0 ? 1 : 0;
    case "le":
      return diff <= 0 ? 1 : 0;
    case "ge":
      return diff >= 0 ? 1 : 0;
  }
}

/**
 * `a <op> b`. NULL on either side: `==` holds when both are NULL, `!=` when one is, nothing
 * else holds. An integer literal needs an int-typed left; two int-typed values compare as
 * numbers; otherwise the string forms compare case-insensitively.
 */
function comparison(ordering: Ordering) {
  return (a: Operand, b: Operand, bIsLiteral = false): number => {
    if (a === ERROR || b === ERROR) return -1;
    if (a === null || b === null) {
      if (ordering === "eq") return a === b ? 1 : 0;
      if (ordering === "ne") return a === b ? 0 : 1;
      return 0;
    }
    const x = intOf(a);
    const y = intOf(b);
    if (bIsLiteral && y !== null && x === null) {
      logActive(L_WARN, `WARNING:core:comp_scriptvar: cannot compare string value "${textOf(a)}" with integer ${y}`);
      return -1;
    }
    if (x !== null && y !== null) return holds(ordering, x - y);
    return holds(ordering, compareText(textOf(a)!, textOf(b)!));
  };
}

/** `a =~ re`: `re` is a hoisted `rt.regex(...)` or, for `=~ $pv`, the PV's value. */
function match(a: Operand, re: ScriptRegex | Operand): number {
  if (a === ERROR || re === ERROR) return -1;
  const compiled = isScriptRegex(re) ? re : re === null ? null : regexOfText(textOf(re)!);
  if (a === null || compiled === null) return a === null && compiled === null ? 1 : 0;
  if (compiled.re === null) {
    logActive(L_ERR, `ERROR:core:comp_scriptvar: bad regular expression "${compiled.source}": ${compiled.error}`);
    return -1;
  }
  compiled.re.lastIndex = 0;
  return compiled.re.test(textOf(a)!) ? 1 : 0;
}

function isScriptRegex(x: ScriptRegex | Operand): x is ScriptRegex {
  return typeof x === "object" && x !== null && "source" in x && "re" in x;
}

/** `a == 10.0.0.0/8`, `a == 192.168.1.1`: the left parsed as an IP address. */
function inNet(a: Operand, net: string): number {
  if (a === ERROR) return -1;
  if (a === null) return 0;
  const result = ipInNetwork(textOf(a)!, net);
  if (result === null) {
    logActive(L_WARN, `WARNING:core:comp_ip: "${textOf(a)}" is not an IP address`);
    return -1;
  }
  return result ? 1 : 0;
}

/** `a == myself` (2.x conditions): a URI or host naming one of the script's sockets or aliases. */
function myself(ctx: Ctx, a: Value): number {
  return a !== null && isMyself(ctx.engine, textOf(a)!) ? 1 : 0;
}

export const cmp = {
  eq: comparison("eq"),
  ne: comparison("ne"),
  lt: comparison("lt"),
  gt: comparison("gt"),
  le: comparison("le"),
  ge: comparison("ge"),
  match,
  nomatch: (a: Operand, re: ScriptRegex | Operand): number => {
    const r = match(a, re);
    return r < 0 ? r : 1 - r;
  },
  inNet,
  myself,
};

/** A PV used alone as a condition (§6.4): non-empty string or non-zero int; the string "0" is true. */
export function truthy(v: Operand): number {
  if (v === ERROR) return -1;
  if (v === null) return 0;
  const n = intOf(v);
  return (n !== null ? n !== 0 : v !== "") ? 1 : 0;
}

/** `[ expr ]` (§6.6): the same test as a PV atom: an integer ≠ 0 or a non-empty string. */
export const test = truthy;

/** `!` (§6.3): 0 → 1, positive → 0, an error stays -1. */
export function not(c: number): number {
  return c === 0 ? 1 : c > 0 ? 0 : c;
}

/**
 * The index of the first `case` label the switch value matches (§5.3), or -1: a string label
 * matches a value with that string form (case-insensitive), a number label only an int-typed
 * value equal to it.
 */
export function caseIndex(value: Value, labels: readonly (string | number)[]): number {
  if (value === null) return -1;
  const text = textOf(value)!;
  const int = intOf(value);
  return labels.findIndex((label) =>
    typeof label === "number" ? int === label : label.length === text.length && compareText(label, text) === 0,
  );
}
