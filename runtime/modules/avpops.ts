/**
 * avpops (OpenSIPS up to 3.4): avp_db_query (sqlops's sql_query before it moved there) and the
 * user-preference functions avp_db_load/store/delete (avpops-db.ts, table parameter `avp_table`).
 */
import type { ModuleImpl } from "../functions.ts";
import { userPreferenceFunctions } from "./avpops-db.ts";
import { queryFunction } from "./sql-query.ts";

const PREFERENCES = userPreferenceFunctions("avpops", { load: "avp_db_load", store: "avp_db_store", delete: "avp_db_delete" }, "avp_table");

export const avpops: ModuleImpl = {
  name: "avpops",
  functions: new Map([["avp_db_query", queryFunction("avpops", "avp_db_query", false)], ...PREFERENCES]),
};
