/**
 * do_routing (drouting.c `do_routing`): the caller's group (given, else dr_groups), then the rule
 * for the R-URI user — longest prefix with a rule of the group valid now, highest priority
 * first, else a prefixless rule — then its gateways: the first rewrites the R-URI, the others
 * wait in the AVPs for use_next_gw. With F, a rule that yields no gateway gives way to the next
 * rule under the same prefix, then to shorter prefixes; and the position is kept in internal
 * AVPs so that use_next_gw, once the rule's gateways are used up, can resume the search (it
 * calls this again with DR_INTERNAL). Returns 1, or -1 when nothing could be routed.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import { clearRoutingAvps, firstString } from "./drouting-avps.ts";
import type { Rule } from "./drouting-data.ts";
import { DR_INTERNAL, DR_ONLY_CHECK, DR_RULE_FALLBACK, DR_STRICT_LENGTH } from "./drouting-flags.ts";
import { callerGroup } from "./drouting-groups.ts";
import { validNow } from "./drouting-match.ts";
import { runRuleRoute } from "./drouting-rule-route.ts";
import { matchNoPrefix, matchPrefix, type RuleCursor } from "./drouting-rules.ts";
import { addRuleGateways, parseWhitelist, type Whitelist } from "./drouting-select.ts";
import type { Drouting, Partition } from "./drouting-state.ts";
import { GatewaySelection, type AttrOutputs } from "./drouting-usage.ts";

export interface RoutingRequest {
  /** Negative: look the caller's group up. */
  readonly group: number;
  readonly flags: number;
  readonly whitelist: string | null;
  readonly outputs: AttrOutputs;
}

/** Where the rule search starts: the number, the R-URI the gateways' R-URIs are built from, the group, the cursor. */
interface Search {
  readonly number: string;
  readonly uri: SipUri;
  /** The R-URI to keep for a later fallback (first search only). */
  readonly ruri: string;
  readonly group: number;
  readonly cursor: RuleCursor;
}

function fail(ctx: Ctx, text: string): null {
  ctx.log(L_ERR, `ERROR:drouting:do_routing: ${text}`);
  return null;
}

/** A first search reads the message; a fallback resumes from the internal AVPs. */
function startSearch(ctx: Ctx, drouting: Drouting, partition: Partition, request: RoutingRequest): Search | null {
  const fallback = partition.config.avps.fallback;
  const avps = ctx.state.avps;
  if ((request.flags & DR_INTERNAL) === 0) {
    const group = request.group >= 0 ? request.group : callerGroup(ctx, drouting, partition);
    if (group < 0) return fail(ctx, "failed to get group id");
    const ruri = ctx.msg.ruri;
    const uri = ruri === null ? null : parseUri(ruri);
    if (ruri === null || uri === null) return fail(ctx, "unable to parse RURI");
    return { number: uri.user ?? "", uri, ruri, group, cursor: { next: 0 } };
  }
  const index = avps.top(fallback.index);
  const number = firstString(avps, fallback.prefix);
  const ruri = firstString(avps, fallback.ruri);
  if (typeof index !== "number" || number === null || ruri === null) return fail(ctx, "cannot find the fallback AVPs");
  const uri = parseUri(ruri);
  if (uri === null) return fail(ctx, "unable to parse RURI from AVP");
  return number === "" ? null : { number, uri, ruri, group: request.group, cursor: { next: index } };
}

/** What do_routing leaves about the rule it used. */
function recordRule(ctx: Ctx, partition: Partition, rule: Rule, prefix: string, outputs: AttrOutputs): void {
  const names = partition.config.avps;
  const avps = ctx.state.avps;
  if (names.rulePrefix !== null) avps.push(names.rulePrefix, prefix);
  avps.push(names.ruleAttrs, rule.attrs ?? "");
  outputs.rule?.assign(ctx, "=", rule.attrs ?? "");
  if (names.ruleId !== null) avps.push(names.ruleId, rule.id);
}

/** Keeps (first search) or moves on (fallback) the position a later rule fallback resumes from. */
function recordFallback(ctx: Ctx, partition: Partition, search: Search, request: RoutingRequest, flags: number, number: string, matched: number, whitelist: Whitelist): void {
  const names = partition.config.avps.fallback;
  const avps = ctx.state.avps;
  const { next } = search.cursor;
  if ((flags & DR_RULE_FALLBACK) === 0) {
    if ((flags & DR_INTERNAL) !== 0) avps.removeAll(names.flags);
  } else if ((flags & DR_INTERNAL) !== 0) {
    avps.replaceAt(names.index, 0, next);
    if (next === 0) avps.replaceAt(names.prefix, 0, number.slice(0, Math.max(matched - 1, 0)));
  } else if (matched !== 0 || next !== 0) {
    avps.push(names.index, next);
    avps.push(names.prefix, number.slice(0, matched - (next !== 0 ? 0 : 1)));
    avps.push(names.ruri, search.ruri);
    if (whitelist !== null && request.whitelist !== null) avps.push(names.whitelist, request.whitelist);
    avps.push(names.group, search.group);
    avps.push(names.flags, flags);
  }
}

export function doRouting(ctx: Ctx, drouting: Drouting, partition: Partition, request: RoutingRequest): number {
  let flags = request.flags;
  if ((flags & DR_ONLY_CHECK) === 0) clearRoutingAvps(ctx.state.avps, partition.config.avps);
  const search = startSearch(ctx, drouting, partition, request);
  if (search === null) return -1;
  const { cursor } = search;
  const isValid = validNow(ctx);
  let number = search.number;
  let matched = 0;
  let whitelist: Whitelist | undefined;
  for (let again = false; ; again = true) {
    if (again) {
      number = number.slice(0, matched - (cursor.next !== 0 ? 0 : 1));
      if (number === "" && cursor.next === 0) return -1;
    }
    const match = matchPrefix(partition.data.rules, number, search.group, cursor, isValid);
    if ((flags & DR_STRICT_LENGTH) !== 0 && match?.length !== number.length) return -1;
    const rule = match?.rule ?? matchNoPrefix(partition.data.rules, search.group, isValid);
    if (rule === null) return -1;
    matched = match?.length ?? 0;
    if (match === null) cursor.next = 0;
    if (rule.routeId !== null && !runRuleRoute(ctx, rule.routeId)) return -1;
    if ((flags & DR_ONLY_CHECK) === 0) {
      if (matched === 0 && cursor.next === 0) flags &= ~DR_RULE_FALLBACK;
      if (whitelist === undefined && rule.destinations.length > 0) {
        whitelist = request.whitelist === null ? null : parseWhitelist(ctx, request.whitelist, partition.data, drouting.settings.idChars);
      }
      const selection = new GatewaySelection(ctx, partition.config.avps, search.uri);
      addRuleGateways(ctx, selection, rule, whitelist ?? null);
      if (selection.count === 0) {
        if ((flags & DR_RULE_FALLBACK) === 0) return -1;
        continue;
      }
      selection.writeAttrs(request.outputs);
    }
    recordRule(ctx, partition, rule, number.slice(0, matched), request.outputs);
    recordFallback(ctx, partition, search, request, flags, number, matched, whitelist ?? null);
    return 1;
  }
}
