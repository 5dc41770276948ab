/**
 * permissions' address partitions: `default` from `db_url`/`address_table`, others from the
 * repeatable `partition` parameter (`"name: db_url=URL; table_name=TABLE"`, either property
 * defaulting to `db_url` (else the core `db_default_url`) and `address_table`). Each partition's
 * table is read on first use and kept for the engine's life (address_reload is not supported);
 * a partition that cannot be read stays an error.
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import { L_ERR } from "../log-level.ts";
import { modParam, modParamValues } from "./modparams.ts";
import { buildAddressTable, type AddressTable } from "./permissions-address.ts";
import { moduleDbUrl, nameParam, selectRows } from "./sql-table.ts";

const MODULE = "permissions";
const DEFAULT_PARTITION = "default";
const TABLES_KEY = "permissions:address";
const COLUMNS = [
  ["ip_col", "ip"],
  ["grp_col", "grp"],
  ["mask_col", "mask"],
  ["port_col", "port"],
  ["proto_col", "proto"],
  ["pattern_col", "pattern"],
  ["info_col", "context_info"],
] as const;

interface Partition {
  readonly url: string;
  readonly table: string;
}

/** A loaded table, or why the partition is unusable. */
export type PartitionTable = AddressTable | { readonly error: string };

/** One `partition` parameter value: its name and settings, or an error text. */
function parsePartition(engine: EngineCore, text: string): { name: string; partition: Partition | string } {
  const colon = text.indexOf(":");
  const name = (colon < 0 ? text : text.slice(0, colon)).trim();
  let url = moduleDbUrl(engine, MODULE);
  let table = nameParam(engine, MODULE, "address_table", "address");
  for (const property of colon < 0 ? [] : text.slice(colon + 1).split(";")) {
    const equals = property.indexOf("=");
    const key = (equals < 0 ? property : property.slice(0, equals)).trim();
    const value = equals < 0 ? "" : property.slice(equals + 1).trim();
    if (key === "db_url") url = value;
    else if (key === "table_name") table = value;
    else if (key !== "") return { name, partition: `invalid token '${key}' in partition '${name}'` };
  }
  return { name, partition: url === null ? `partition '${name}' has no 'db_url'` : { url, table } };
}

function partitions(engine: EngineCore): Map<string, Partition | string> {
  const found = new Map<string, Partition | string>();
  const url = modParam(engine.script, MODULE, "db_url");
  if (url !== undefined) found.set(DEFAULT_PARTITION, { url: String(url), table: nameParam(engine, MODULE, "address_table", "address") });
  for (const value of modParamValues(engine.script, MODULE, "partition")) {
    const { name, partition } = parsePartition(engine, String(value));
    found.set(name, partition);
  }
  return found;
}

/** Reads the partition's table; rows left out are logged as OpenSIPS logs them at load time. */
function load(ctx: Ctx, name: string, partition: Partition): PartitionTable {
  const columns = COLUMNS.map(([param, fallback]) => nameParam(ctx.engine, MODULE, param, fallback));
  const rows = selectRows(ctx.engine, partition.url, partition.table, columns);
  if (!rows.ok) return { error: `cannot read address table ${partition.table}: ${rows.error}` };
  const { table, skipped } = buildAddressTable(rows.rows);
  for (const note of skipped) ctx.log(L_ERR, `ERROR:permissions:reload_address_table: partition ${name}, ${note}, skipping`);
  return table;
}

/** The address table of partition `name` (default: `default`), read on first use. */
export function partitionTable(ctx: Ctx, name: string | null): PartitionTable {
  const engine = ctx.engine;
  let tables = engine.moduleData.get(TABLES_KEY) as Map<string, PartitionTable> | undefined;
  if (tables === undefined) {
    tables = new Map();
    engine.moduleData.set(TABLES_KEY, tables);
  }
  const wanted = name ?? DEFAULT_PARTITION;
  let table = tables.get(wanted);
  if (table === undefined) {
    const partition = partitions(engine).get(wanted);
    if (partition === undefined) table = { error: `partition <${wanted}> not defined` };
    else table = typeof partition === "string" ? { error: partition } : load(ctx, wanted, partition);
    tables.set(wanted, table);
  }
  return table;
}
