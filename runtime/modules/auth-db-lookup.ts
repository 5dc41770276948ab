/**
 * The one query shape auth_db runs: SELECT some columns FROM a table WHERE columns equal values,
 * on the `db_url` database, blocking as OpenSIPS's auth_db does. Values are SQL string literals;
 * table and column names (from module parameters and script literals) must be plain identifiers.
 */
import type { Ctx } from "../ctx.ts";
import { sqlFailure, type SqlResult } from "../backends/sql-types.ts";
import { sqlDatabase } from "./sql-databases.ts";
import { sqlString } from "../backends/sql-literal.ts";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

export function selectWhere(
  ctx: Ctx,
  table: string,
  columns: readonly string[],
  where: readonly (readonly [string, string])[],
  /** The module whose `db_url` names the database (the 2.4 uri module runs the same queries). */
  module = "auth_db",
): SqlResult {
  const bad = [table, ...columns, ...where.map(([column]) => column)].find((name) => !IDENTIFIER.test(name));
  if (bad !== undefined) return sqlFailure(`"${bad}" is not a table or column name`);
  const conditions = where.map(([column, value]) => `${column} = ${sqlString(value)}`).join(" AND ");
  return sqlDatabase(ctx.engine, module, null).querySync(`SELECT ${columns.join(", ")} FROM ${table} WHERE ${conditions}`);
}
