/**
 * Reading provisioning tables (permissions' address table, domain, alias_db) the way OpenSIPS's
 * DB API does for these modules: a blocking `SELECT columns FROM table [WHERE col = 'value' …]`
 * on the module's `db_url` (else the core `db_default_url`); and writing rows the same way (the
 * tracer's `INSERT INTO table (columns) VALUES (…)`). The connection to each URL is opened
 * once per engine. Table and column names come from the script, so they must be plain SQL
 * identifiers (`name` or `schema.name`); values are quoted.
 */
import type { EngineCore } from "../engine-core.ts";
import { parseDatabaseUrl } from "../backends/sql-url.ts";
import { sqlFailure, type SqlCell } from "../backends/sql-types.ts";
import { globalValue } from "../script.ts";
import { modParam } from "./modparams.ts";
import { blockingPostgres, blockingSqlite, type BlockingSql } from "./sql-blocking.ts";
import { sqlString } from "../backends/sql-literal.ts";

export type TableRows = { readonly ok: true; readonly rows: readonly SqlCell[][] } | { readonly ok: false; readonly error: string };

export type TableWrite = { readonly ok: true } | { readonly ok: false; readonly error: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const CONNECTIONS_KEY = "sql-table:connections";

/** A table or column name parameter of `module`: its value, else `fallback`. */
export function nameParam(engine: EngineCore, module: string, name: string, fallback: string): string {
  return String(modParam(engine.script, module, name) ?? fallback);
}

/** The database URL of `module`: its `db_url` parameter, else the core `db_default_url`; null when neither is set. */
export function moduleDbUrl(engine: EngineCore, module: string): string | null {
  const value = modParam(engine.script, module, "db_url") ?? globalValue(engine.script, "db_default_url");
  return value === undefined ? null : String(value);
}

function connection(engine: EngineCore, url: string): BlockingSql {
  let connections = engine.moduleData.get(CONNECTIONS_KEY) as Map<string, BlockingSql> | undefined;
  if (connections === undefined) {
    connections = new Map();
    engine.moduleData.set(CONNECTIONS_KEY, connections);
  }
  let found = connections.get(url);
  if (found === undefined) {
    const target = parseDatabaseUrl(url);
    if (target.kind === "invalid") found = { query: () => sqlFailure(target.error) };
    else found = target.kind === "sqlite" ? blockingSqlite(target.filename) : blockingPostgres(target.connectionString);
    connections.set(url, found);
  }
  return found;
}

/** The `columns` of the rows of `table` whose key columns equal the given texts (every row without keys). */
export function selectRows(
  engine: EngineCore,
  url: string,
  table: string,
  columns: readonly string[],
  keys: readonly (readonly [column: string, value: string])[] = [],
): TableRows {
  const invalid = [table, ...columns, ...keys.map(([column]) => column)].find((name) => !IDENTIFIER.test(name));
  if (invalid !== undefined) return { ok: false, error: `invalid table or column name "${invalid}"` };
  const result = connection(engine, url).query(`SELECT ${columns.join(", ")} FROM ${table}${whereClause(keys)}`);
  return result.ok ? { ok: true, rows: result.rows } : { ok: false, error: result.error };
}

function whereClause(keys: readonly (readonly [column: string, value: string])[]): string {
  return keys.length === 0 ? "" : ` WHERE ${keys.map(([column, value]) => `${column} = ${sqlString(value)}`).join(" AND ")}`;
}

/** Deletes the rows of `table` whose key columns equal the given texts (msilo's sent messages). */
export function deleteRows(engine: EngineCore, url: string, table: string, keys: readonly (readonly [column: string, value: string])[]): TableWrite {
  const invalid = [table, ...keys.map(([column]) => column)].find((name) => !IDENTIFIER.test(name));
  if (invalid !== undefined) return { ok: false, error: `invalid table or column name "${invalid}"` };
  const result = connection(engine, url).query(`DELETE FROM ${table}${whereClause(keys)}`);
  return result.ok ? { ok: true } : { ok: false, error: result.error };
}

function sqlValue(value: SqlCell): string {
  if (value === null) return "NULL";
  return typeof value === "number" ? String(value) : sqlString(value);
}

/** Inserts one row into `table`: each column with its value (text quoted, numbers as written, null as NULL). */
export function insertRow(engine: EngineCore, url: string, table: string, row: readonly (readonly [column: string, value: SqlCell])[]): TableWrite {
  const invalid = [table, ...row.map(([column]) => column)].find((name) => !IDENTIFIER.test(name));
  if (invalid !== undefined) return { ok: false, error: `invalid table or column name "${invalid}"` };
  const columns = row.map(([column]) => column).join(", ");
  const values = row.map(([, value]) => sqlValue(value)).join(", ");
  const result = connection(engine, url).query(`INSERT INTO ${table} (${columns}) VALUES (${values})`);
  return result.ok ? { ok: true } : { ok: false, error: result.error };
}
