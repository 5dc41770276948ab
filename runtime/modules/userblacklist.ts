/**
 * userblacklist (OpenSIPS 3.6): check_user_blacklist(user, domain[, number[, table]]) reads the
 * user's prefix list from `table` (default the `db_table` parameter, `userblacklist`: columns
 * username, domain — compared only with `use_domain` —, prefix, whitelist) on each call;
 * check_blacklist(table) uses a global list (columns prefix, whitelist) read once per engine, as
 * OpenSIPS loads it at start-up (a table that cannot be read stays empty: every number passes).
 * The number is the given one or the Request-URI user; the longest matching prefix decides
 * (userblacklist-prefixes.ts). Codes: 1 allowed (no match, or whitelisted), -1 blacklisted or
 * the check could not be made (no request, no number, number longer than 31, table unreadable).
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { parseUri } from "../sip/uri.ts";
import { intModParam } from "./modparams.ts";
import { moduleDbUrl, nameParam, selectRows } from "./sql-table.ts";
import { checkNumber, MAX_NUMBER_LENGTH, prefixList, USERBLACKLIST_MODULE, type PrefixList } from "./userblacklist-prefixes.ts";

const GLOBAL_LISTS_KEY = "userblacklist:global-lists";
const PREFIX_COLUMNS = ["prefix", "whitelist"];

/** The number to check, or null (logged as `functionName`) when there is none usable. */
function numberToCheck(ctx: Ctx, given: Arg, functionName: string): string | null {
  const fail = (reason: string): null => {
    ctx.log(L_ERR, `ERROR:userblacklist:${functionName}: ${reason}`);
    return null;
  };
  if (!ctx.msg.isRequest) return fail("SIP msg is not a request");
  if (given !== undefined) {
    const number = textArg(given) ?? "";
    return number.length > MAX_NUMBER_LENGTH ? fail("number to long") : number;
  }
  const user = parseUri(ctx.msg.ruri ?? "")?.user ?? null;
  return user === null || user.length > MAX_NUMBER_LENGTH ? fail("cannot parse msg URI") : user;
}

function databaseUrl(ctx: Ctx, functionName: string): string | null {
  const url = moduleDbUrl(ctx.engine, USERBLACKLIST_MODULE);
  if (url === null) ctx.log(L_ERR, `ERROR:userblacklist:${functionName}: no db_url`);
  return url;
}

function checkUserBlacklist(ctx: Ctx, [user, domain, number, tableArg]: readonly Arg[]): number {
  const engine = ctx.engine;
  const url = databaseUrl(ctx, "check_user_blacklist");
  const wanted = numberToCheck(ctx, number, "check_user_blacklist");
  if (url === null || wanted === null) return -1;
  const table = textArg(tableArg) ?? nameParam(engine, USERBLACKLIST_MODULE, "db_table", "userblacklist");
  const keys: [string, string][] = [["username", textArg(user) ?? ""]];
  if (intModParam(engine.script, USERBLACKLIST_MODULE, "use_domain", 0) !== 0) keys.push(["domain", textArg(domain) ?? ""]);
  const result = selectRows(engine, url, table, PREFIX_COLUMNS, keys);
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:userblacklist:check_user_blacklist: cannot build d-tree from ${table}: ${result.error}`);
    return -1;
  }
  return checkNumber(prefixList(ctx, result.rows), wanted);
}

function globalList(ctx: Ctx, url: string, table: string): PrefixList {
  let lists = ctx.engine.moduleData.get(GLOBAL_LISTS_KEY) as Map<string, PrefixList> | undefined;
  if (lists === undefined) {
    lists = new Map();
    ctx.engine.moduleData.set(GLOBAL_LISTS_KEY, lists);
  }
  let list = lists.get(table);
  if (list === undefined) {
    const result = selectRows(ctx.engine, url, table, PREFIX_COLUMNS);
    if (!result.ok) ctx.log(L_ERR, `ERROR:userblacklist:reload_sources: cannot reload source from '${table}': ${result.error}`);
    list = result.ok ? prefixList(ctx, result.rows) : new Map();
    lists.set(table, list);
  }
  return list;
}

function checkBlacklist(ctx: Ctx, [tableArg]: readonly Arg[]): number {
  const url = databaseUrl(ctx, "check_blacklist");
  const table = textArg(tableArg);
  if (table === null) ctx.log(L_ERR, "ERROR:userblacklist:check_blacklist: no table given");
  const wanted = numberToCheck(ctx, undefined, "check_blacklist");
  if (url === null || table === null || wanted === null) return -1;
  return checkNumber(globalList(ctx, url, table), wanted);
}

export const userblacklist: ModuleImpl = {
  name: USERBLACKLIST_MODULE,
  functions: new Map([
    ["check_user_blacklist", { call: checkUserBlacklist }],
    ["check_blacklist", { call: checkBlacklist }],
  ]),
};
