/**
 * Where the PostgreSQL tests find their server: the `PG_TEST_URL` environment variable
 * (e.g. postgres://opensips_ts:opensips_ts@127.0.0.1:5432/opensips_ts). Without it the tests are
 * skipped with a message saying so; with it, a server that cannot be reached fails them.
 */
export interface PostgresTestServer {
  /** The connection URL, or null when the tests must be skipped. */
  url: string | null;
  /** For `test(name, { skip }, …)`: false, or why the test is skipped. */
  skip: string | false;
}

export function postgresTestServer(): PostgresTestServer {
  const url = process.env.PG_TEST_URL?.trim();
  if (url) return { url, skip: false };
  return { url: null, skip: "PostgreSQL tests skipped: set PG_TEST_URL=postgres://user:pass@127.0.0.1:5432/db to run them" };
}

/** A table name no other test run uses, so runs against a shared database do not collide. */
export function uniqueTableName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
}
