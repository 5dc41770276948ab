import pg from "pg";
import { errorMessage } from "./error-message.ts";
import { settleOnce } from "./settle-once.ts";
import { postgresCell, TEXT_AS_IS } from "./postgres-cell.ts";
import { sqlFailure, sqlTimeout, type SqlDatabase, type SqlQueryOptions, type SqlResult } from "./sql-types.ts";

/** Bounds opening a connection even for callers that give no timeout. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A PostgreSQL database reached through a `pg` connection pool.
 *
 * A timeout answers the caller at once and discards the connection the statement was running on
 * (the server may still finish that statement; its result is ignored).
 */
export class PostgresDatabase implements SqlDatabase {
  private readonly pool: pg.Pool;
  private closed = false;

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, allowExitOnIdle: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // Idle connections that break (server restart) are reported here; without a listener the
    // error would crash the process. The next query simply opens a new connection.
    this.pool.on("error", () => {});
  }

  query(sql: string, opts: SqlQueryOptions = {}): Promise<SqlResult> {
    return this.run(sql, opts);
  }

  async exec(sql: string, opts: SqlQueryOptions = {}): Promise<SqlResult> {
    const result = await this.run(sql, opts);
    return result.ok ? { ok: true, columns: [], rows: [] } : result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private run(sql: string, opts: SqlQueryOptions): Promise<SqlResult> {
    if (this.closed) return Promise.resolve(sqlFailure("database closed"));
    return new Promise((resolve) => {
      let client: pg.PoolClient | null = null;
      const settler = settleOnce<SqlResult>(resolve, opts.timeoutMs, (timeoutMs) => {
        client?.release(new Error("query timed out"));
        client = null;
        return sqlTimeout(timeoutMs);
      });
      this.pool.connect().then(
        (connected) => {
          if (settler.settled) {
            connected.release();
            return;
          }
          client = connected;
          // Started inside a promise so that even a synchronous throw ends up in .catch.
          Promise.resolve()
            .then(() => connected.query({ text: sql, rowMode: "array", types: TEXT_AS_IS }))
            .then((res) => settler.finish(toResult(res)))
            .catch((err: unknown) => settler.finish(sqlFailure(errorMessage(err))))
            .finally(() => {
              client?.release();
              client = null;
            });
        },
        (err: unknown) => settler.finish(sqlFailure(`cannot connect: ${errorMessage(err)}`)),
      );
    });
  }
}

/** A multi-statement text yields one result per statement; like libpq's PQexec, the last one counts. */
function toResult(res: pg.QueryArrayResult | pg.QueryArrayResult[]): SqlResult {
  const last = Array.isArray(res) ? res[res.length - 1] : res;
  if (!last) return { ok: true, columns: [], rows: [] };
  const fields = last.fields ?? [];
  const rows = last.rows.map((row) => fields.map((field, i) => postgresCell(field.dataTypeID, row[i] as string | null)));
  const result: SqlResult = { ok: true, columns: fields.map((field) => field.name), rows };
  if (fields.length === 0 && last.rowCount !== null) result.changes = last.rowCount;
  return result;
}
