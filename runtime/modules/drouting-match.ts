/**
 * dr_match: does a number match a rule of a group (by longest prefix, else a prefixless rule)?
 * With the L flag the rule's prefix must be the whole number. On a match the rule's attributes
 * go to the output and the matched prefix to `rule_prefix_avp`. Rules whose time recurrence
 * does not cover the engine's clock now are not considered, here as in do_routing.
 */
import type { Ctx } from "../ctx.ts";
import type { Rule } from "./drouting-data.ts";
import { DR_STRICT_LENGTH } from "./drouting-flags.ts";
import { findRule, type RuleIsValid } from "./drouting-rules.ts";
import type { Partition } from "./drouting-state.ts";
import { timeRecExprMatches } from "./drouting-timerec-expr.ts";
import type { AttrOutputs } from "./drouting-usage.ts";

/** Is a rule's time recurrence on at the engine's current time? */
export function validNow(ctx: Ctx): RuleIsValid {
  const seconds = Math.floor(ctx.engine.env.now() / 1000);
  return (rule: Rule) => rule.time === null || timeRecExprMatches(rule.time, seconds);
}

export function matchNumber(ctx: Ctx, partition: Partition, group: number, flags: number, number: string, outputs: AttrOutputs): number {
  const match = findRule(partition.data.rules, number, group, validNow(ctx));
  if (match === null || ((flags & DR_STRICT_LENGTH) !== 0 && match.length !== number.length)) return -1;
  outputs.rule?.assign(ctx, "=", match.rule.attrs ?? "");
  const prefixAvp = partition.config.avps.rulePrefix;
  if (prefixAvp !== null) ctx.state.avps.push(prefixAvp, number.slice(0, match.length));
  return 1;
}
