import pg from "pg";
import { doubleText } from "./sql-cell.ts";
import type { SqlCell } from "./sql-types.ts";

// Type OIDs from PostgreSQL's pg_type catalogue.
const INTEGER_TYPES = new Set([20, 21, 23, 26]); // int8, int2, int4, oid
const FLOAT_TYPES = new Set([700, 701, 1700]); // float4, float8, numeric
const DATETIME_TYPES = new Set([1082, 1114, 1184]); // date, timestamp, timestamptz
const BYTEA = 17;

/** Values arrive as the server's text; `postgresCell` converts them (pg's own parsers are bypassed). */
export const TEXT_AS_IS: pg.CustomTypesConfig = {
  getTypeParser: (() => (text: string) => text) as unknown as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * One cell converted the way OpenSIPS's db_postgres types it: integers are ints, float/numeric are
 * doubles (printed "%f"), date/time values are UNIX seconds, bool stays "t"/"f", bytea is its bytes.
 */
export function postgresCell(typeId: number, text: string | null): SqlCell {
  if (text === null) return null;
  if (INTEGER_TYPES.has(typeId)) return Number(text);
  if (FLOAT_TYPES.has(typeId)) return doubleText(Number(text));
  if (DATETIME_TYPES.has(typeId)) return unixSeconds(pg.types.getTypeParser(typeId)(text)) ?? text;
  if (typeId === BYTEA) return (pg.types.getTypeParser(BYTEA)(text) as Buffer).toString("utf8");
  return text;
}

function unixSeconds(parsed: unknown): number | null {
  if (!(parsed instanceof Date)) return null;
  const ms = parsed.getTime();
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
