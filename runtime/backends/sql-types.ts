/**
 * The shape every SQL backend (SQLite, PostgreSQL) returns. Failures are values, never rejections.
 *
 * Cells keep OpenSIPS's type split: integer-typed DB values (and date/time values, which OpenSIPS
 * turns into UNIX seconds) are numbers, everything else is text (REAL/NUMERIC as `printf("%f")`),
 * and DB NULL is `null`.
 */
export type SqlCell = string | number | null;

export type SqlResult =
  | { ok: true; columns: string[]; rows: SqlCell[][]; changes?: number }
  | { ok: false; error: string; timedOut?: boolean };

export interface SqlQueryOptions {
  /** Give up after this many milliseconds: the result is `{ ok: false, timedOut: true }`. */
  timeoutMs?: number;
}

export interface SqlDatabase {
  /** Runs one statement; a SELECT (or any statement returning rows) gives columns and rows. */
  query(sql: string, opts?: SqlQueryOptions): Promise<SqlResult>;
  /** Runs a script of several statements (schema creation); returns no rows. */
  exec(sql: string, opts?: SqlQueryOptions): Promise<SqlResult>;
  /** Releases the connection or worker; later calls resolve with an error result. */
  close(): Promise<void>;
}

export function sqlFailure(error: string): SqlResult {
  return { ok: false, error };
}

export function sqlTimeout(timeoutMs: number): SqlResult {
  return { ok: false, error: `query timed out after ${timeoutMs} ms`, timedOut: true };
}
