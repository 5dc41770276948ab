/**
 * SQL for plain (not async) calls: the script waits for the answer, as an OpenSIPS worker waits
 * for its database. SQLite is queried on the calling thread (better-sqlite3 is synchronous);
 * PostgreSQL through a worker thread with the `pg` client while the caller waits. Cells are typed
 * as the async backends type them (sql-cell.ts, postgres-cell.ts).
 */
import { createRequire } from "node:module";
import { errorMessage } from "../backends/error-message.ts";
import { postgresCell } from "../backends/postgres-cell.ts";
import { sqliteCell } from "../backends/sql-cell.ts";
import { resolveBetterSqlite } from "../backends/sqlite-database.ts";
import { sqlFailure, type SqlResult } from "../backends/sql-types.ts";
import { BlockingWorker } from "./blocking-worker.ts";

export interface BlockingSql {
  query(sql: string): SqlResult;
}

interface SqliteStatement {
  readonly reader: boolean;
  safeIntegers(on: boolean): SqliteStatement;
  raw(on: boolean): SqliteStatement;
  columns(): { name: string }[];
  all(): unknown[][];
  run(): { changes: number };
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/** A SQLite database opened on the calling thread; an open failure answers every query with it. */
export function blockingSqlite(filename: string): BlockingSql {
  let connection: SqliteConnection | string;
  try {
    const modulePath = resolveBetterSqlite();
    if (modulePath instanceof Error) throw modulePath;
    const Database = createRequire(import.meta.url)(modulePath) as new (file: string) => SqliteConnection;
    connection = new Database(filename);
  } catch (err) {
    connection = `cannot open database ${filename}: ${errorMessage(err)}`;
  }
  return {
    query(sql) {
      if (typeof connection === "string") return sqlFailure(connection);
      try {
        const statement = connection.prepare(sql);
        if (!statement.reader) return { ok: true, columns: [], rows: [], changes: statement.run().changes };
        statement.safeIntegers(true).raw(true);
        const columns = statement.columns().map((c) => c.name);
        return { ok: true, columns, rows: statement.all().map((row) => row.map(sqliteCell)) };
      } catch (err) {
        return sqlFailure(errorMessage(err));
      }
    },
  };
}

const POSTGRES_WORKER = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const pg = require(workerData.pgPath);
const asText = { getTypeParser: () => (text) => text };
let client = null;

async function run(sql) {
  if (client === null) {
    client = new pg.Client({ connectionString: workerData.url, connectionTimeoutMillis: workerData.timeoutMs });
    client.on("error", () => { client = null; });
    await client.connect();
  }
  const result = await client.query({ text: sql, rowMode: "array", types: asText });
  const fields = (result.fields || []).map((f) => ({ name: f.name, type: f.dataTypeID }));
  return { ok: true, fields, rows: result.rows || [], changes: result.rowCount };
}

parentPort.on("message", async ({ request, port, signal }) => {
  let answer;
  try {
    answer = await run(request.sql);
  } catch (err) {
    if (client !== null && !client._connected) client = null;
    answer = { ok: false, error: String(err && err.message) };
  }
  port.postMessage(answer);
  port.close();
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

type PostgresAnswer =
  | { ok: true; fields: { name: string; type: number }[]; rows: (string | null)[][]; changes: number | null }
  | { ok: false; error: string };

const POSTGRES_TIMEOUT_MS = 30_000;

/** A PostgreSQL database served by a worker thread the caller waits for. */
export function blockingPostgres(url: string): BlockingSql {
  let pgPath: string | null = null;
  try {
    pgPath = createRequire(import.meta.url).resolve("pg");
  } catch {
    pgPath = null;
  }
  const worker = pgPath === null ? null : new BlockingWorker(POSTGRES_WORKER, { pgPath, url, timeoutMs: POSTGRES_TIMEOUT_MS });
  return {
    query(sql) {
      if (worker === null) return sqlFailure("PostgreSQL driver (pg) not available");
      const answer = worker.call<PostgresAnswer>({ sql }, POSTGRES_TIMEOUT_MS, { ok: false, error: "query timed out" });
      if (!answer.ok) return sqlFailure(answer.error);
      const rows = answer.rows.map((row) => row.map((text, i) => postgresCell(answer.fields[i]?.type ?? 25, text)));
      return { ok: true, columns: answer.fields.map((f) => f.name), rows, changes: answer.changes ?? undefined };
    },
  };
}
