/** sqlops (OpenSIPS 3.5+): raw SQL queries on the `db_url` databases (sql-query.ts). */
import type { ModuleImpl } from "../functions.ts";
import { queryFunction } from "./sql-query.ts";

export const sqlops: ModuleImpl = {
  name: "sqlops",
  functions: new Map([
    ["sql_query", queryFunction("sqlops", "sql_query", false)],
    ["sql_query_one", queryFunction("sqlops", "sql_query_one", true)],
  ]),
};
