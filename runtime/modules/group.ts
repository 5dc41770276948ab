/**
 * group (OpenSIPS 3.6, also 2.4): db_is_user_in(uri, group) looks the user up in the `table`
 * (default `grp`: `user_column`, `domain_column` when `use_domain` is set, `group_column`),
 * queried on each call; codes 1 member, -6 not a member, -5 the table cannot be read, -1 no user
 * (group-user.ts says which user an argument names). db_get_user_group(uri, $avp) matches
 * `sip:user@domain` against the regex groups (group-re.ts) and adds each matching group id to
 * the AVP (only the first with `multiple_gid` 0); it returns how many matched, -1 for none.
 * aaa_is_user_in is not provided (no AAA back-end).
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { groupUser, type GroupUser } from "./group-user.ts";
import { GROUP_MODULE, regexGroups } from "./group-re.ts";
import { intModParam } from "./modparams.ts";
import { moduleDbUrl, nameParam, selectRows } from "./sql-table.ts";

/** The user of the first argument, with an error logged (as `function`) when there is none. */
function userOf(ctx: Ctx, source: Arg, functionName: string): GroupUser | null {
  const found = groupUser(ctx, textArg(source) ?? "");
  if (typeof found === "string") {
    ctx.log(L_ERR, `ERROR:group:${functionName}: ${found}`);
    return null;
  }
  return found.user === "" ? null : found;
}

function isUserIn(ctx: Ctx, source: Arg, groupArg: Arg): number {
  const engine = ctx.engine;
  const url = moduleDbUrl(engine, GROUP_MODULE);
  if (url === null) {
    ctx.log(L_ERR, "ERROR:group:db_is_user_in: no database url");
    return -1;
  }
  const found = userOf(ctx, source, "db_is_user_in");
  if (found === null) return -1;
  const groupColumn = nameParam(engine, GROUP_MODULE, "group_column", "grp");
  const keys: [string, string][] = [
    [nameParam(engine, GROUP_MODULE, "user_column", "username"), found.user],
    [groupColumn, textArg(groupArg) ?? ""],
  ];
  if (intModParam(engine.script, GROUP_MODULE, "use_domain", 0) !== 0) keys.push([nameParam(engine, GROUP_MODULE, "domain_column", "domain"), found.domain]);
  const result = selectRows(engine, url, nameParam(engine, GROUP_MODULE, "table", "grp"), [groupColumn], keys);
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:group:db_is_user_in: failed to query database: ${result.error}`);
    return -5;
  }
  return result.rows.length > 0 ? 1 : -6;
}

function getUserGroup(ctx: Ctx, source: Arg, output: Arg): number {
  const groups = regexGroups(ctx);
  if (typeof groups === "string") {
    ctx.log(L_ERR, `ERROR:group:db_get_user_group: ${groups}`);
    return -1;
  }
  const found = userOf(ctx, source, "db_get_user_group");
  const avp = pvArg(output);
  if (found === null || avp === null) return -1;
  const uri = `sip:${found.user}@${found.domain}`;
  const multiple = intModParam(ctx.engine.script, GROUP_MODULE, "multiple_gid", 1) !== 0;
  let matched = 0;
  for (const group of groups) {
    if (!group.re.test(uri)) continue;
    avp.assign(ctx, "=", group.gid);
    matched++;
    if (!multiple) break;
  }
  return matched > 0 ? matched : -1;
}

export const group: ModuleImpl = {
  name: GROUP_MODULE,
  functions: new Map([
    ["db_is_user_in", { call: (ctx, [source, groupName]) => isUserIn(ctx, source, groupName) }],
    ["db_get_user_group", { call: (ctx, [source, output]) => getUserGroup(ctx, source, output) }],
  ]),
};
