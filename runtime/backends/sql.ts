import { PostgresDatabase } from "./postgres-database.ts";
import { resolveBetterSqlite, SqliteDatabase } from "./sqlite-database.ts";
import { parseDatabaseUrl } from "./sql-url.ts";
import { sqlFailure, type SqlDatabase, type SqlResult } from "./sql-types.ts";

export type { SqlCell, SqlDatabase, SqlQueryOptions, SqlResult } from "./sql-types.ts";

/**
 * Opens the database a `db_url` names (see `parseDatabaseUrl`). Never throws: a bad URL or a missing
 * driver gives a database whose every call resolves with that error.
 */
export function openDatabase(url: string): SqlDatabase {
  const target = parseDatabaseUrl(url);
  switch (target.kind) {
    case "invalid":
      return new UnusableDatabase(target.error);
    case "postgres":
      return new PostgresDatabase(target.connectionString);
    case "sqlite": {
      const modulePath = resolveBetterSqlite();
      if (modulePath instanceof Error) return new UnusableDatabase(`SQLite driver not available: ${modulePath.message}`);
      return new SqliteDatabase(target.filename, modulePath);
    }
  }
}

class UnusableDatabase implements SqlDatabase {
  constructor(private readonly error: string) {}

  query(): Promise<SqlResult> {
    return Promise.resolve(sqlFailure(this.error));
  }

  exec(): Promise<SqlResult> {
    return Promise.resolve(sqlFailure(this.error));
  }

  async close(): Promise<void> {}
}
