import type { SqlCell, SqlResult } from "./sql-types.ts";

/** How a DB NULL is stored into an AVP by `avp_db_query` / `sql_query` (pvar.c's str_null). */
export const SQL_NULL_TEXT = "<null>";

/** Return codes of `avp_db_query` / `sql_query` / `sql_query_one`: rows, error, no rows. */
export type SqlQueryCode = 1 | -1 | -2;

/** One AVP value to push: `column` indexes the output names (without names: AVP `$avp(column+1)`). */
export interface AvpPush {
  column: number;
  value: string | number;
}

/**
 * What `avp_db_query(query, "$avp(a);$avp(b)")` / `sql_query` does with a result (sqlops
 * db_query_print_results). Push the values in the given order: rows are walked from last to first
 * so that row 0 ends on top of each AVP (index 0). Columns beyond the output names are dropped;
 * with no names (`outputCount` null) every column goes to `$avp(1)`, `$avp(2)`, …
 * Integer cells give integer AVPs (cut to 32 bits, like OpenSIPS's int), NULL gives "<null>".
 * No rows — including statements that return none, such as UPDATE — is -2; an error or timeout -1.
 */
export function avpQueryOutputs(result: SqlResult, outputCount: number | null): { code: SqlQueryCode; pushes: AvpPush[] } {
  if (!result.ok) return { code: -1, pushes: [] };
  if (result.rows.length === 0 || result.columns.length === 0) return { code: -2, pushes: [] };
  const columns = outputCount === null ? result.columns.length : Math.min(outputCount, result.columns.length);
  const pushes: AvpPush[] = [];
  for (let row = result.rows.length - 1; row >= 0; row--) {
    const cells = result.rows[row]!;
    for (let column = 0; column < columns; column++) {
      const cell = cells[column] ?? null;
      pushes.push({ column, value: cell === null ? SQL_NULL_TEXT : scriptValue(cell) });
    }
  }
  return { code: 1, pushes };
}

/**
 * What `sql_query_one(query, "$var(a);$avp(b)")` does (sqlops db_query_print_one_result): the first
 * row only, one value per column in order, DB NULL as NULL. Fewer output variables than columns is
 * an error (-1), as in OpenSIPS.
 */
export function oneRowOutputs(result: SqlResult, outputCount: number): { code: SqlQueryCode; values: (string | number | null)[] } {
  if (!result.ok) return { code: -1, values: [] };
  if (result.rows.length === 0 || result.columns.length === 0) return { code: -2, values: [] };
  if (outputCount < result.columns.length) return { code: -1, values: [] };
  const first = result.rows[0]!;
  return { code: 1, values: result.columns.map((_, column) => scriptCell(first[column] ?? null)) };
}

function scriptCell(cell: SqlCell): string | number | null {
  return cell === null ? null : scriptValue(cell);
}

/** OpenSIPS stores DB integers in a C int. */
function scriptValue(cell: string | number): string | number {
  return typeof cell === "number" ? cell | 0 : cell;
}
