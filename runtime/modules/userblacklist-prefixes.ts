/**
 * userblacklist's prefix lists (OpenSIPS's d-tree): rows of (prefix, whitelist) read from a
 * table, and the longest-prefix match of a number. As in OpenSIPS, only the digits of the number
 * count (`+49-30 1234` is `49301234`), a prefix with anything but digits is left out (logged),
 * rows with a NULL or non-integer cell are skipped, an empty prefix matches every number, and a
 * later row with the same prefix wins.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { SqlCell } from "../backends/sql-types.ts";

/** Prefix → whitelisted. */
export type PrefixList = ReadonlyMap<string, boolean>;

export const USERBLACKLIST_MODULE = "userblacklist";

/** The numbers OpenSIPS accepts: at most 31 characters before the non-digits are dropped. */
export const MAX_NUMBER_LENGTH = 31;

export function prefixList(ctx: Ctx, rows: readonly SqlCell[][]): PrefixList {
  const list = new Map<string, boolean>();
  for (const [prefix, whitelist] of rows) {
    if (prefix === null || whitelist === null || prefix === undefined || whitelist === undefined) continue;
    if (typeof prefix !== "string" || typeof whitelist !== "number" || !Number.isInteger(whitelist)) {
      ctx.log(L_ERR, "ERROR:userblacklist:db_build_userbl_tree: got invalid result type from query.");
      continue;
    }
    if (!/^[0-9]*$/.test(prefix)) {
      ctx.log(L_ERR, "ERROR:userblacklist:dt_insert: cannot insert non-numerical number");
      continue;
    }
    list.set(prefix, whitelist !== 0);
  }
  return list;
}

/** 1 when the number is allowed (no prefix matches, or the longest match is whitelisted), -1 when blacklisted. */
export function checkNumber(list: PrefixList, number: string): number {
  const digits = number.replace(/[^0-9]/g, "");
  for (let length = digits.length; length >= 0; length--) {
    const whitelisted = list.get(digits.slice(0, length));
    if (whitelisted !== undefined) return whitelisted ? 1 : -1;
  }
  return 1;
}
