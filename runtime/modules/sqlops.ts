/**
 * sqlops (OpenSIPS 3.5+): raw SQL queries on the `db_url` databases (sql-query.ts) and the
 * user-preference functions sql_avp_load/store/delete (avpops-db.ts, table parameter `usr_table`).
 */
import type { ModuleImpl } from "../functions.ts";
import { userPreferenceFunctions } from "./avpops-db.ts";
import { queryFunction } from "./sql-query.ts";

const PREFERENCES = userPreferenceFunctions("sqlops", { load: "sql_avp_load", store: "sql_avp_store", delete: "sql_avp_delete" }, "usr_table");

export const sqlops: ModuleImpl = {
  name: "sqlops",
  functions: new Map([
    ["sql_query", queryFunction("sqlops", "sql_query", false)],
    ["sql_query_one", queryFunction("sqlops", "sql_query_one", true)],
    ...PREFERENCES,
  ]),
};
