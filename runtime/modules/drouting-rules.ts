/**
 * The rule index: OpenSIPS's prefix tree (prefix_tree.c) as a map of prefixes. A lookup walks
 * down the number while the tree goes deeper (a character outside the prefix alphabet on the way
 * fails the lookup), then back up, longest prefix first, to the first node holding a rule of the
 * group that is valid now. Each node keeps its rules per group, highest priority first (load
 * order among equals). A cursor lets rule fallback resume after the rule used last.
 */
import type { GroupRules, Rule, RuleIndex } from "./drouting-data.ts";

export interface PrefixMatch {
  readonly rule: Rule;
  /** How many leading characters of the number the rule's prefix covers (0 for a prefixless rule). */
  readonly length: number;
}

/** Where to resume within a node's rules: the index of the next rule to try, 0 to start over. */
export interface RuleCursor {
  next: number;
}

export type RuleIsValid = (rule: Rule) => boolean;

export function emptyRuleIndex(extraPrefixChars: string): RuleIndex {
  const extra = [...extraPrefixChars].filter((c) => c.charCodeAt(0) < 128).join("");
  return { byPrefix: new Map(), inner: new Set(), noPrefix: new Map(), prefixChars: `0123456789${extra}` };
}

function insertRule(groups: GroupRules, group: number, rule: Rule): void {
  const rules = groups.get(group);
  if (rules === undefined) {
    groups.set(group, [rule]);
    return;
  }
  const at = rules.findIndex((r) => rule.priority > r.priority);
  rules.splice(at < 0 ? rules.length : at, 0, rule);
}

/** Indexes `rule` under `prefix` ("" for none) for each group; an error text for a bad prefix character. */
export function addRule(index: RuleIndex, prefix: string, groups: readonly number[], rule: Rule): string | null {
  const bad = [...prefix].find((c) => !index.prefixChars.includes(c));
  if (bad !== undefined) return `${bad} is not valid char in the prefix`;
  let node = index.noPrefix;
  if (prefix !== "") {
    for (let length = 1; length < prefix.length; length++) index.inner.add(prefix.slice(0, length));
    node = index.byPrefix.get(prefix) ?? new Map();
    index.byPrefix.set(prefix, node);
  }
  for (const group of groups) insertRule(node, group, rule);
  return null;
}

/** The first rule of `group` at a node, from the cursor on, that is valid now; moves the cursor past it. */
function ruleAt(node: GroupRules | undefined, group: number, cursor: RuleCursor, isValid: RuleIsValid): Rule | null {
  const rules = node?.get(group) ?? [];
  for (let i = cursor.next; i < rules.length; i++) {
    if (!isValid(rules[i]!)) continue;
    cursor.next = i + 1 < rules.length ? i + 1 : 0;
    return rules[i]!;
  }
  return null;
}

/** `get_prefix`: the longest-prefix rule for `number` in `group`; null when none (or the number has a bad character). */
export function matchPrefix(index: RuleIndex, number: string, group: number, cursor: RuleCursor, isValid: RuleIsValid): PrefixMatch | null {
  if (number === "") return null;
  let depth = 1;
  for (;;) {
    if (!index.prefixChars.includes(number[depth - 1]!)) return null;
    if (depth === number.length || !index.inner.has(number.slice(0, depth))) break;
    depth++;
  }
  for (let length = depth; length >= 1; length--) {
    const rule = ruleAt(index.byPrefix.get(number.slice(0, length)), group, cursor, isValid);
    if (rule !== null) return { rule, length };
  }
  return null;
}

/** `check_rt` on the prefixless rules: the first one of `group` valid now. */
export function matchNoPrefix(index: RuleIndex, group: number, isValid: RuleIsValid): Rule | null {
  return ruleAt(index.noPrefix, group, { next: 0 }, isValid);
}

/** The rule for a number: by prefix, else prefixless (`find_rule_by_prefix_unsafe`, for dr_match). */
export function findRule(index: RuleIndex, number: string, group: number, isValid: RuleIsValid): PrefixMatch | null {
  const byPrefix = matchPrefix(index, number, group, { next: 0 }, isValid);
  if (byPrefix !== null) return byPrefix;
  const rule = matchNoPrefix(index, group, isValid);
  return rule === null ? null : { rule, length: 0 };
}
