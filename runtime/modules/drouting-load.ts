/**
 * Loading a partition's routing data (dr_load.c): one blocking SELECT each of dr_gateways
 * (id, gwid, address, strip, pri_prefix, type, attrs, probe_mode, socket[, state]), dr_carriers
 * (id, carrierid, flags, sort_alg, gwlist, attrs[, state]) and dr_rules (ruleid, groupid, prefix,
 * timerec, priority, routeid, gwlist, sort_alg, sort_profile, attrs) — the state columns only
 * with `persistent_state`. A NULL in a mandatory column fails the whole load, as in OpenSIPS; a
 * row OpenSIPS cannot use (bad id, address, state, list, time recurrence, prefix) is skipped
 * with a warning.
 */
import { intArg } from "../args.ts";
import type { SqlCell } from "../backends/sql-types.ts";
import type { EngineCore } from "../engine-core.ts";
import { textOf } from "../transformations/value-text.ts";
import { SORT_NONE, SORT_QUALITY, SORT_WEIGHT, type Carrier, type Gateway, type RoutingData, type Rule, type SortAlgorithm } from "./drouting-data.ts";
import { parseGatewayAddress } from "./drouting-gateway-address.ts";
import { parseGatewayList, resolveEntries } from "./drouting-gwlist.ts";
import type { PartitionConfig } from "./drouting-partitions.ts";
import { addRule, emptyRuleIndex } from "./drouting-rules.ts";
import type { DroutingSettings } from "./drouting-settings.ts";
import { parseTimeRecExpr } from "./drouting-timerec-expr.ts";
import { selectRows } from "./sql-table.ts";

export type LoadResult =
  | { readonly ok: true; readonly data: RoutingData; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

type Row = readonly SqlCell[];
type Warn = (message: string) => void;

/** A table cannot be read or a mandatory column is NULL: the whole load fails. */
class LoadFailure extends Error {}

const text = (cell: SqlCell | undefined): string | null => textOf(cell ?? null);
const int = (cell: SqlCell | undefined): number | null => intArg(cell);

function required<T>(value: T | null, column: string): T {
  if (value === null) throw new LoadFailure(`column ${column} is null or not of its type`);
  return value;
}

function sortOf(cell: SqlCell | undefined): SortAlgorithm {
  const letter = required(text(cell), "sort_alg")[0];
  return letter === SORT_WEIGHT || letter === SORT_QUALITY ? letter : SORT_NONE;
}

const validId = (id: string, idChars: string): boolean => id !== "" && [...id].every((c) => /[A-Za-z0-9]/.test(c) || idChars.includes(c));

function gatewayOf(row: Row, persistentState: boolean, idChars: string): Gateway | string {
  const [, gwidCell, addressCell, stripCell, prefixCell, typeCell, attrsCell, probeCell, socketCell, stateCell] = row;
  const id = required(text(gwidCell), "gwid");
  const addressText = required(text(addressCell), "address");
  const strip = required(int(stripCell), "strip");
  const type = required(int(typeCell), "type");
  const probe = required(int(probeCell), "probe_mode");
  const state = persistentState ? required(int(stateCell), "state") : 0;
  if (!validId(id, idChars)) return `invalid char in gateway's name <${id}>`;
  if (probe < 0 || probe > 2 || state < 0 || state > 2) return `bad probe_mode/state of gateway <${id}>`;
  const parsed = parseGatewayAddress(addressText);
  if (parsed === null) return `invalid uri <${addressText}> of gateway <${id}>`;
  const socket = text(socketCell) || null;
  return { id, type, hostPart: parsed.hostPart, address: parsed.address, strip, priPrefix: text(prefixCell), attrs: text(attrsCell), socket, disabled: state !== 0 };
}

function carrierOf(row: Row, data: Pick<RoutingData, "gateways" | "carriers">, settings: DroutingSettings, warn: Warn): Carrier | string {
  const [, idCell, flagsCell, sortCell, listCell, attrsCell, stateCell] = row;
  const id = required(text(idCell), "carrierid");
  const flags = required(int(flagsCell), "flags");
  const sort = sortOf(sortCell);
  const listText = required(text(listCell), "gwlist");
  const state = settings.persistentState ? required(int(stateCell), "state") : 0;
  const entries = parseGatewayList(listText, settings.idChars);
  if (typeof entries === "string") return `failed to parse the destinations of carrier <${id}>: ${entries}`;
  if (entries.some((e) => e.carrier)) return `invalid carrier <${id}> definition as points to other carrier in destination list`;
  const gateways = resolveEntries(entries, data, (gw) => warn(`destination ID <${gw}> was not found`)).flatMap((d) => (d.kind === "gateway" ? [d] : []));
  return { id, flags, sort, gateways, attrs: text(attrsCell), disabled: state !== 0 };
}

/** `1,2;3`: the groups of a rule; null when malformed or empty. */
function groupsOf(list: string): number[] | null {
  const items = list.split(/[,;]/).map((g) => g.trim());
  if (items.at(-1) === "") items.pop();
  if (items.length === 0 || items.some((g) => !/^[+-]?[0-9]+$/.test(g))) return null;
  return items.map(Number);
}

function ruleOf(row: Row, data: RoutingData, settings: DroutingSettings, warn: Warn): { rule: Rule; groups: number[]; prefix: string } | string {
  const [idCell, groupCell, prefixCell, timeCell, priorityCell, routeCell, listCell, sortCell, , attrsCell] = row;
  const id = required(int(idCell), "ruleid");
  const groupList = required(text(groupCell), "groupid");
  const priority = required(int(priorityCell), "priority");
  const listText = required(text(listCell), "gwlist");
  const sort = sortOf(sortCell);
  const timeText = text(timeCell) ?? "";
  const time = timeText === "" ? null : parseTimeRecExpr(timeText);
  if (typeof time === "string") return `bad time definition <${timeText}> for rule id ${id} (${time})`;
  const entries = parseGatewayList(listText, settings.idChars);
  if (typeof entries === "string") return `failed to add routing info for rule id ${id}: ${entries}`;
  const groups = groupsOf(groupList);
  if (groups === null) return `bad group list [${groupList}] of rule id ${id}`;
  const destinations = resolveEntries(entries, data, (dst) => warn(`destination ID <${dst}> was not found`));
  const rule: Rule = { id, priority, time, routeId: text(routeCell) || null, destinations, sort, attrs: text(attrsCell) };
  return { rule, groups, prefix: text(prefixCell) ?? "" };
}

function select(engine: EngineCore, partition: PartitionConfig, table: string, columns: string[]): readonly Row[] {
  const result = selectRows(engine, partition.dbUrl, table, columns);
  if (!result.ok) throw new LoadFailure(`cannot read table "${table}": ${result.error}`);
  return result.rows;
}

function gatewaysOf(rows: readonly Row[], settings: DroutingSettings, warn: Warn): Map<string, Gateway> {
  const gateways = new Map<string, Gateway>();
  for (const row of rows) {
    const gateway = gatewayOf(row, settings.persistentState, settings.idChars);
    if (typeof gateway === "string") warn(`failed to add destination: ${gateway} -> skipping`);
    else if (gateways.has(gateway.id)) warn(`duplicate gateway <${gateway.id}> -> skipping`);
    else gateways.set(gateway.id, gateway);
  }
  return sortedById(gateways);
}

function carriersOf(rows: readonly Row[], gateways: ReadonlyMap<string, Gateway>, settings: DroutingSettings, warn: Warn): Map<string, Carrier> {
  const carriers = new Map<string, Carrier>();
  for (const row of rows) {
    const carrier = carrierOf(row, { gateways, carriers }, settings, warn);
    if (typeof carrier === "string") warn(`${carrier} -> skipping`);
    else carriers.set(carrier.id, carrier);
  }
  return sortedById(carriers);
}

/** Reads a partition's three tables. */
export function loadRoutingData(engine: EngineCore, partition: PartitionConfig, settings: DroutingSettings): LoadResult {
  const warnings: string[] = [];
  const warn: Warn = (message) => void warnings.push(`[${partition.name}] ${message}`);
  const state = settings.persistentState ? ["state"] : [];
  const { tables } = partition;
  try {
    const gatewayRows = select(engine, partition, tables.gateways, ["id", "gwid", "address", "strip", "pri_prefix", "type", "attrs", "probe_mode", "socket", ...state]);
    const carrierRows = select(engine, partition, tables.carriers, ["id", "carrierid", "flags", "sort_alg", "gwlist", "attrs", ...state]);
    const ruleRows = select(engine, partition, tables.rules, ["ruleid", "groupid", "prefix", "timerec", "priority", "routeid", "gwlist", "sort_alg", "sort_profile", "attrs"]);
    const gateways = gatewaysOf(gatewayRows, settings, warn);
    const data: RoutingData = { gateways, carriers: carriersOf(carrierRows, gateways, settings, warn), rules: emptyRuleIndex(settings.extraPrefixChars) };
    for (const row of ruleRows) {
      const built = ruleOf(row, data, settings, warn);
      const error = typeof built === "string" ? built : addRule(data.rules, built.prefix, built.groups, built.rule);
      if (error !== null) warn(`${error} -> skipping rule`);
    }
    return { ok: true, data, warnings };
  } catch (e) {
    if (e instanceof LoadFailure) return { ok: false, error: e.message };
    throw e;
  }
}

/** OpenSIPS keeps gateways and carriers in AVL maps: whoever walks them sees them in id order. */
function sortedById<T>(map: Map<string, T>): Map<string, T> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
