/**
 * group's regular-expression groups: the `re_table` (columns `re_exp_column`, `re_gid_column`)
 * read once per engine on first use, as OpenSIPS loads it at start-up, each expression compiled
 * as a case-insensitive, newline-sensitive POSIX ERE. OpenSIPS prepends each row to its list, so
 * the rows are tried last row first. A row with an empty expression, a non-integer group id or
 * an invalid expression makes the whole table unusable (OpenSIPS refuses to start).
 */
import type { Ctx } from "../ctx.ts";
import { compileEre } from "../regex.ts";
import { moduleDbUrl, nameParam, selectRows } from "./sql-table.ts";

export const GROUP_MODULE = "group";
const CACHE_KEY = "group:re-table";

export interface RegexGroup {
  readonly re: RegExp;
  readonly gid: number;
}

function load(ctx: Ctx): RegexGroup[] | string {
  const engine = ctx.engine;
  const url = moduleDbUrl(engine, GROUP_MODULE);
  if (url === null) return "no database url";
  const table = nameParam(engine, GROUP_MODULE, "re_table", "");
  if (table === "") return [];
  const expColumn = nameParam(engine, GROUP_MODULE, "re_exp_column", "reg_exp");
  const gidColumn = nameParam(engine, GROUP_MODULE, "re_gid_column", "group_id");
  const result = selectRows(engine, url, table, [expColumn, gidColumn]);
  if (!result.ok) return `failed to load <${table}> table: ${result.error}`;
  const groups: RegexGroup[] = [];
  for (const [exp, gid] of result.rows) {
    if (typeof exp !== "string" || exp === "") return `empty or non-string value for <${expColumn}>(re) column`;
    if (typeof gid !== "number" || !Number.isInteger(gid)) return `empty or non-integer value for <${gidColumn}>(gid) column`;
    const compiled = compileEre(exp, { ignoreCase: true, newlineSensitive: true });
    if (compiled.re === null) return `bad re ${exp}`;
    groups.unshift({ re: compiled.re, gid });
  }
  return groups;
}

/** The regex groups in the order they are tried, or why the table cannot be used. */
export function regexGroups(ctx: Ctx): readonly RegexGroup[] | string {
  let cached = ctx.engine.moduleData.get(CACHE_KEY) as RegexGroup[] | string | undefined;
  if (cached === undefined) {
    cached = load(ctx);
    ctx.engine.moduleData.set(CACHE_KEY, cached);
  }
  return cached;
}
