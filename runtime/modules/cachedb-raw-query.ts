/**
 * cache_raw_query(system, query [, "$avp(a);$avp(b)…"]): a query in the cachedb backend's own
 * language. The runtime serves only cachedb_local, which has no raw queries in OpenSIPS either,
 * so every call fails as OpenSIPS's cachedb_raw_query does: -1 with the reason logged (an empty
 * query, an unknown system, or a backend without raw query support).
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";

const RAW_QUERY_FAILED = -1;

function cacheRawQuery(ctx: Ctx, system: string | null, query: string | null): number {
  if (query === null || query === "") {
    ctx.log(L_ERR, "ERROR:core:w_cache_raw_query: raw query cannot be empty");
    return RAW_QUERY_FAILED;
  }
  const engine = (system ?? "").split(":")[0]!.trim();
  if (engine === "local") ctx.log(L_ERR, "ERROR:core:cachedb_raw_query: The backend does not support raw queries");
  else ctx.log(L_ERR, `ERROR:core:cachedb_raw_query: Wrong argument <${engine}> - no cachedb system with this name registered`);
  return RAW_QUERY_FAILED;
}

export const CACHEDB_RAW_QUERY_FUNCTIONS: [string, FunctionImpl][] = [
  ["cache_raw_query", { call: (ctx, [system, query]) => cacheRawQuery(ctx, textArg(system), textArg(query)) }],
];
