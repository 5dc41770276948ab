/**
 * The routing group of the caller when do_routing gets none (drouting.c `get_group_id`): the
 * dr_groups row of the From URI's user (and, with `use_domain`, its host), looked up in the
 * database on each call; `default_group` when there is no row.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { Drouting, Partition } from "./drouting-state.ts";
import { selectRows } from "./sql-table.ts";

/** The caller's group; -1 (logged) when it has none or the lookup fails. */
export function callerGroup(ctx: Ctx, drouting: Drouting, partition: Partition): number {
  const from = ctx.msg.fromUri;
  if (from === null) {
    ctx.log(L_ERR, "ERROR:drouting:do_routing: unable to parse from uri");
    return -1;
  }
  const { groupColumns: columns, useDomain, defaultGroup } = drouting.settings;
  const keys: [string, string][] = [[columns.user, from.user ?? ""]];
  if (useDomain) keys.push([columns.domain, from.host]);
  const result = selectRows(ctx.engine, partition.config.dbUrl, partition.config.tables.groups, [columns.group], keys);
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:drouting:get_group_id: DB query failed: ${result.error}`);
    return -1;
  }
  const cell = result.rows[0]?.[0];
  if (cell === undefined) {
    if (defaultGroup !== -1) return defaultGroup;
    ctx.log(L_ERR, `ERROR:drouting:get_group_id: no group for user "${from.user ?? ""}"@"${from.host}"`);
    return -1;
  }
  if (typeof cell !== "number" || !Number.isInteger(cell)) {
    ctx.log(L_ERR, "ERROR:drouting:get_group_id: null or non-integer group_id");
    return -1;
  }
  return cell;
}
