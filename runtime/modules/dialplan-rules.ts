/**
 * Loading a dialplan partition (dp_db.c dp_load_db / build_rule): the enabled rows (`disabled` =
 * 0) in `pr` order, each built into a rule — match_op 0 (string equality) or 1 (PCRE); bit 1 of
 * match_flags makes both the match and the subst_exp case-insensitive; repl_exp may not use a
 * group the subst_exp lacks. A row that cannot be built is logged and skipped; an equality rule
 * with an empty expression fails the whole load, as OpenSIPS's add_rule2hash does. Rules are
 * grouped by dpid into the string set and the regex set, each in load order. `timerec` is a time
 * recurrence expression (as check_time_rec takes, parsed by drouting's timerec files).
 */
import type { Ctx } from "../ctx.ts";
import type { SqlCell } from "../backends/sql-types.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { parseTimeRecExpr, type TimeRecExpr } from "./drouting-timerec-expr.ts";
import { compilePcre, type CompiledPcre } from "./regex-module-pcre.ts";
import { parseReplacement, type Replacement } from "./dialplan-replacement.ts";
import type { DialplanPartition } from "./dialplan-partitions.ts";
import { nameParam, selectRows } from "./sql-table.ts";

const MATCH_EQUAL = 0;
const MATCH_REGEX = 1;
const CASE_INSENSITIVE = 1;

export interface DialplanRule {
  readonly dpid: number;
  readonly pr: number;
  /** Its row's position in the loaded table (OpenSIPS's table_id: the tie-break between equal priorities). */
  readonly position: number;
  readonly matchExp: string;
  readonly caseless: boolean;
  /** The compiled match_exp of a regex rule; null for a string rule. */
  readonly match: RegExp | null;
  readonly substExp: string | null;
  readonly subst: RegExp | null;
  readonly replacement: Replacement | null;
  readonly attrs: string | null;
  /** The rule applies only when the time matches; null: always. */
  readonly timerec: TimeRecExpr | null;
}

export interface DialplanSet {
  readonly strings: DialplanRule[];
  readonly regexes: DialplanRule[];
}

export type DialplanRules = ReadonlyMap<number, DialplanSet>;

const COLUMNS = [
  ["dpid_col", "dpid"],
  ["pr_col", "pr"],
  ["match_op_col", "match_op"],
  ["match_exp_col", "match_exp"],
  ["match_flags_col", "match_flags"],
  ["subst_exp_col", "subst_exp"],
  ["repl_exp_col", "repl_exp"],
  ["attrs_col", "attrs"],
  ["timerec_col", "timerec"],
] as const;

function cellInt(cell: SqlCell | undefined): number {
  if (typeof cell === "number") return Math.trunc(cell);
  const text = cell === null || cell === undefined ? "" : String(cell).trim();
  return /^[+-]?[0-9]+$/.test(text) ? Number(text) : 0;
}

/** A non-empty text cell, else null. */
function cellText(cell: SqlCell | undefined): string | null {
  return cell === null || cell === undefined || String(cell) === "" ? null : String(cell);
}

type Compiled = Extract<CompiledPcre, { ok: true }>;

function compiled(ctx: Ctx, source: string, caseless: boolean, what: string): Compiled | null {
  const result = compilePcre(source, { caseless });
  if (result.ok) return result;
  ctx.log(L_ERR, `ERROR:dialplan:build_rule: failed to compile ${what} expression "${source}": ${result.error}`);
  return null;
}

/** One row as a rule; null (logged) when OpenSIPS's build_rule refuses it. */
function buildRule(ctx: Ctx, row: readonly SqlCell[], position: number): DialplanRule | null {
  const [dpid, pr, op, matchCell, flags, substCell, replCell, attrs, timerec] = row;
  const matchOp = cellInt(op);
  if (matchOp !== MATCH_EQUAL && matchOp !== MATCH_REGEX) {
    ctx.log(L_ERR, "ERROR:dialplan:build_rule: invalid value for match operator");
    return null;
  }
  if (matchCell === null || matchCell === undefined) {
    ctx.log(L_ERR, "ERROR:dialplan:build_rule:  values 3 is NULL - not allowed");
    return null;
  }
  const matchExp = String(matchCell);
  const caseless = (cellInt(flags) & CASE_INSENSITIVE) !== 0;
  const match = matchOp === MATCH_REGEX ? compiled(ctx, matchExp, caseless, "match") : null;
  if (matchOp === MATCH_REGEX && match === null) return null;
  const substExp = cellText(substCell);
  const subst = substExp === null ? null : compiled(ctx, substExp, caseless, "subst");
  if (substExp !== null && subst === null) return null;
  const replExp = cellText(replCell);
  const replacement = replExp === null ? null : parseReplacement(replExp);
  if (typeof replacement === "string") {
    ctx.log(L_ERR, `ERROR:dialplan:build_rule: failed to compile replacing expression: ${replacement}`);
    return null;
  }
  if (replacement !== null && replacement.maxGroup > (subst?.captureCount ?? 0)) {
    ctx.log(L_ERR, "ERROR:dialplan:build_rule: repl_exp uses a non existing subexpression");
    return null;
  }
  const timerecText = cellText(timerec);
  // An empty timerec, like a NULL one, puts no time limit on the rule.
  const parsedTimerec = timerecText === null || timerecText.trim() === "" ? null : parseTimeRecExpr(timerecText);
  if (typeof parsedTimerec === "string") {
    ctx.log(L_ERR, `ERROR:dialplan:build_rule: failed to parse timerec pattern ${timerecText}: ${parsedTimerec}`);
    return null;
  }
  const rule = { dpid: cellInt(dpid), pr: cellInt(pr), position, matchExp, caseless, substExp, replacement, attrs: cellText(attrs), timerec: parsedTimerec };
  return { ...rule, match: match?.re ?? null, subst: subst?.re ?? null };
}

function setOf(rules: Map<number, DialplanSet>, dpid: number): DialplanSet {
  let set = rules.get(dpid);
  if (set === undefined) {
    set = { strings: [], regexes: [] };
    rules.set(dpid, set);
  }
  return set;
}

/** The partition's rules; a failed load is logged and leaves it without rules, as in OpenSIPS. */
export function loadRules(ctx: Ctx, partition: DialplanPartition): DialplanRules {
  const engine = ctx.engine;
  const columns = COLUMNS.map(([param, fallback]) => nameParam(engine, "dialplan", param, fallback));
  const disabled = nameParam(engine, "dialplan", "disabled_col", "disabled");
  const result = selectRows(engine, partition.dbUrl, partition.table, columns, [[disabled, "0"]]);
  const rules = new Map<number, DialplanSet>();
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:dialplan:dp_load_db: failed to query database: ${result.error}`);
    return rules;
  }
  if (result.rows.length === 0) ctx.log(L_WARN, `WARNING:dialplan:dp_load_db: no data in the db (partition ${partition.name})`);
  const byPriority = [...result.rows].sort((a, b) => cellInt(a[1]) - cellInt(b[1]));
  for (const [position, row] of byPriority.entries()) {
    const rule = buildRule(ctx, row, position);
    if (rule === null) {
      ctx.log(L_WARN, "WARNING:dialplan:dp_load_db:  failed to build rule -> skipping");
      continue;
    }
    const set = setOf(rules, rule.dpid);
    if (rule.match !== null) set.regexes.push(rule);
    else if (rule.matchExp === "") {
      ctx.log(L_ERR, "ERROR:dialplan:add_rule2hash: NULL matching expressions in database not accepted!!!");
      return new Map();
    } else set.strings.push(rule);
  }
  return rules;
}
