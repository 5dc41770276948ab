import type { SqlCell } from "./sql-types.ts";

/**
 * Text of a floating-point DB value as OpenSIPS prints it (`double2str`, i.e. printf "%f":
 * six decimals, no exponent).
 */
export function doubleText(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value < 0 ? "-inf" : "inf";
  if (Math.abs(value) < 1e21) return value.toFixed(6);
  // toFixed switches to exponent notation from 1e21 on; such a double is an integer anyway.
  return `${BigInt(value)}.000000`;
}

/** A cell of a SQLite result read with safe integers: bigint = INTEGER, number = REAL. */
export function sqliteCell(value: unknown): SqlCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return doubleText(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  return String(value);
}
