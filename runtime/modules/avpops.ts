/** avpops (OpenSIPS up to 3.4): avp_db_query, sqlops's sql_query before it moved there. */
import type { ModuleImpl } from "../functions.ts";
import { queryFunction } from "./sql-query.ts";

export const avpops: ModuleImpl = {
  name: "avpops",
  functions: new Map([["avp_db_query", queryFunction("avpops", "avp_db_query", false)]]),
};
