/**
 * drouting's partitions: with `use_partitions` 0 there is one, "Default", described by the
 * module parameters (`db_url` else `db_default_url`, the `dr*_table` names, the `*_avp` names);
 * with 1 each row of `db_partitions_table` (default dr_partitions, at `db_partitions_url`)
 * describes one: name, db_url, its four tables (NULL: the module's) and its AVPs (NULL: the
 * default name with the partition name appended, or none for the optional ones).
 */
import type { EngineCore } from "../engine-core.ts";
import type { SqlCell } from "../backends/sql-types.ts";
import { globalValue } from "../script.ts";
import { avpNameOf } from "./dispatcher-pv-text.ts";
import { MODULE, textParam } from "./drouting-settings.ts";
import { moduleDbUrl, selectRows } from "./sql-table.ts";

/** The internal AVPs rule fallback keeps its state in. */
export interface FallbackAvps {
  readonly ruri: string;
  readonly prefix: string;
  readonly index: string;
  readonly whitelist: string;
  readonly group: string;
  readonly flags: string;
}

/** AVP names (without `$avp(…)`); the optional ones are null when not configured. */
export interface DrAvps {
  readonly ruri: string;
  readonly gwId: string;
  readonly gwSock: string;
  readonly gwAttrs: string;
  readonly ruleAttrs: string;
  readonly carrierAttrs: string;
  readonly gwPriprefix: string | null;
  readonly ruleId: string | null;
  readonly rulePrefix: string | null;
  readonly carrierId: string | null;
  readonly fallback: FallbackAvps;
}

export interface Tables {
  readonly gateways: string;
  readonly rules: string;
  readonly groups: string;
  readonly carriers: string;
}

export interface PartitionConfig {
  readonly name: string;
  readonly dbUrl: string;
  readonly tables: Tables;
  readonly avps: DrAvps;
}

const DEFAULT_PARTITION = "Default";
const DEFAULT_AVPS = { ruri: "___dr_ruri__", gwId: "___dr_gw_id__", gwSock: "___dr_sock__", gwAttrs: "___dr_gw_att__", ruleAttrs: "___dr_ru_att__", carrierAttrs: "___dr_cr_att__" };
type Configurable = "ruri" | "gwId" | "gwSock" | "gwPriprefix" | "ruleId" | "rulePrefix" | "carrierId";
/** The configurable AVPs, in the order of their module parameters and dr_partitions columns. */
const AVP_PARAMS: readonly [Configurable, string][] = [
  ["ruri", "ruri_avp"],
  ["gwId", "gw_id_avp"],
  ["gwPriprefix", "gw_priprefix_avp"],
  ["gwSock", "gw_sock_avp"],
  ["ruleId", "rule_id_avp"],
  ["rulePrefix", "rule_prefix_avp"],
  ["carrierId", "carrier_id_avp"],
];
const PARTITION_COLUMNS = ["partition_name", "db_url", "drd_table", "drr_table", "drg_table", "drc_table", ...AVP_PARAMS.map(([, param]) => param)];

function moduleTables(engine: EngineCore): Tables {
  return {
    gateways: textParam(engine, "drd_table", "dr_gateways"),
    rules: textParam(engine, "drr_table", "dr_rules"),
    groups: textParam(engine, "drg_table", "dr_groups"),
    carriers: textParam(engine, "drc_table", "dr_carriers"),
  };
}

/** The `$avp(…)` specs a partition sets, read by parameter name and position. */
function specsOf(read: (param: string, index: number) => string | null): Map<Configurable, string> {
  const specs = new Map<Configurable, string>();
  AVP_PARAMS.forEach(([key, param], i) => {
    const spec = read(param, i);
    if (spec !== null) specs.set(key, spec);
  });
  return specs;
}

/** A partition's AVP names from the specs it sets (the others take their defaults, `suffix` appended); an error text for a malformed spec. */
function avpsOf(partition: string, specs: ReadonlyMap<Configurable, string>, suffix: string): DrAvps | string {
  const names = new Map<string, string | null>();
  for (const [key, param] of AVP_PARAMS) {
    const spec = specs.get(key);
    const name = spec === undefined ? null : avpNameOf(spec);
    if (spec !== undefined && name === null) return `malformed or non AVP [${spec}] for ${param}`;
    names.set(key, name);
  }
  const withDefault = (key: keyof typeof DEFAULT_AVPS): string => names.get(key) ?? `${DEFAULT_AVPS[key]}${suffix}`;
  const internal = (name: string): string => `_dr_fb_${name}_${partition}`;
  return {
    ruri: withDefault("ruri"),
    gwId: withDefault("gwId"),
    gwSock: withDefault("gwSock"),
    gwAttrs: withDefault("gwAttrs"),
    ruleAttrs: withDefault("ruleAttrs"),
    carrierAttrs: withDefault("carrierAttrs"),
    gwPriprefix: names.get("gwPriprefix") ?? null,
    ruleId: names.get("ruleId") ?? null,
    rulePrefix: names.get("rulePrefix") ?? null,
    carrierId: names.get("carrierId") ?? null,
    fallback: { ruri: internal("ruri"), prefix: internal("prefix"), index: internal("index"), whitelist: internal("whitelist"), group: internal("group"), flags: internal("flags") },
  };
}

function defaultPartition(engine: EngineCore): PartitionConfig | string {
  const dbUrl = moduleDbUrl(engine, MODULE);
  if (dbUrl === null) return "no db_url (nor db_default_url) set";
  const avps = avpsOf(DEFAULT_PARTITION, specsOf((param) => optionalParam(engine, param)), "");
  return typeof avps === "string" ? avps : { name: DEFAULT_PARTITION, dbUrl, tables: moduleTables(engine), avps };
}

const text = (cell: SqlCell | undefined): string | null => (cell === null || cell === undefined || cell === "" ? null : String(cell));

function partitionOf(engine: EngineCore, row: readonly SqlCell[]): PartitionConfig | string {
  const [name, dbUrl, gateways, rules, groups, carriers] = row.slice(0, 6).map(text);
  if (name === null || name === undefined) return "partition with no partition_name";
  if (dbUrl === null || dbUrl === undefined) return `[${name}] partition with no db_url`;
  const own = moduleTables(engine);
  const tables = { gateways: gateways ?? own.gateways, rules: rules ?? own.rules, groups: groups ?? own.groups, carriers: carriers ?? own.carriers };
  const avps = avpsOf(name, specsOf((_param, i) => text(row[6 + i])), name);
  return typeof avps === "string" ? `[${name}] ${avps}` : { name, dbUrl, tables, avps };
}

/** The partitions to load, or why the module cannot start. */
export function partitionConfigs(engine: EngineCore, usePartitions: boolean): PartitionConfig[] | string {
  if (!usePartitions) {
    const single = defaultPartition(engine);
    return typeof single === "string" ? single : [single];
  }
  const url = optionalParam(engine, "db_partitions_url") ?? globalValue(engine.script, "db_default_url");
  if (url === undefined) return "use_partitions is set but no db_partitions_url (nor db_default_url)";
  const result = selectRows(engine, String(url), textParam(engine, "db_partitions_table", "dr_partitions"), PARTITION_COLUMNS);
  if (!result.ok) return `failed to query the table containing the partition definitions: ${result.error}`;
  const partitions: PartitionConfig[] = [];
  for (const row of result.rows) {
    const partition = partitionOf(engine, row);
    if (typeof partition === "string") return partition;
    partitions.push(partition);
  }
  return partitions;
}

function optionalParam(engine: EngineCore, name: string): string | null {
  const value = textParam(engine, name, "");
  return value === "" ? null : value;
}
