/**
 * The databases of sqlops/avpops: the `db_url` module parameter (repeatable as `"ID url"`, the
 * plain form being ID 0) names a SQLite file, `:memory:` or a PostgreSQL server. Each is opened
 * on first use, once per engine, with two ways in: blocking queries for plain calls and
 * non-blocking ones for async(). An in-memory SQLite database lives on the calling thread only, so
 * its async queries complete at once — as OpenSIPS's db_sqlite, which has no async support.
 */
import type { EngineCore } from "../engine-core.ts";
import { openDatabase } from "../backends/sql.ts";
import { parseDatabaseUrl, SQLITE_MEMORY } from "../backends/sql-url.ts";
import { sqlFailure, type SqlDatabase, type SqlResult } from "../backends/sql-types.ts";
import { modParamValues } from "./modparams.ts";
import { blockingPostgres, blockingSqlite, type BlockingSql } from "./sql-blocking.ts";

export interface SqlHandle {
  querySync(sql: string): SqlResult;
  /** A promise for real I/O; a result when the query completed without any. */
  queryAsync(sql: string): Promise<SqlResult> | SqlResult;
}

const ID_PREFIX = /^([0-9]+)\s+(\S.*)$/;

/** `db_url` values by database ID. */
function databaseUrls(engine: EngineCore, module: string): Map<number, string> {
  const urls = new Map<number, string>();
  for (const value of modParamValues(engine.script, module, "db_url")) {
    const text = String(value).trim();
    const match = ID_PREFIX.exec(text);
    if (match === null) urls.set(0, text);
    else urls.set(Number(match[1]), match[2]!);
  }
  return urls;
}

/** The database `dbId` (default 0) of `module`'s `db_url` parameters. */
export function sqlDatabase(engine: EngineCore, module: string, dbId: number | null): SqlHandle {
  const key = `sql:${module}`;
  let handles = engine.moduleData.get(key) as Map<number, SqlHandle> | undefined;
  if (handles === undefined) {
    handles = new Map();
    engine.moduleData.set(key, handles);
  }
  const id = dbId ?? 0;
  let handle = handles.get(id);
  if (handle === undefined) {
    const url = databaseUrls(engine, module).get(id);
    handle = url === undefined ? unusable(`${module}: no db_url with id ${id}`) : openHandle(url);
    handles.set(id, handle);
  }
  return handle;
}

function openHandle(url: string): SqlHandle {
  const target = parseDatabaseUrl(url);
  if (target.kind === "invalid") return unusable(target.error);
  if (target.kind === "sqlite" && target.filename === SQLITE_MEMORY) {
    const memory = blockingSqlite(SQLITE_MEMORY);
    return { querySync: (sql) => memory.query(sql), queryAsync: (sql) => memory.query(sql) };
  }
  let blocking: BlockingSql | null = null;
  let database: SqlDatabase | null = null;
  return {
    querySync: (sql) => {
      blocking ??= target.kind === "sqlite" ? blockingSqlite(target.filename) : blockingPostgres(target.connectionString);
      return blocking.query(sql);
    },
    queryAsync: (sql) => {
      database ??= openDatabase(url);
      return database.query(sql);
    },
  };
}

function unusable(error: string): SqlHandle {
  return { querySync: () => sqlFailure(error), queryAsync: () => sqlFailure(error) };
}
