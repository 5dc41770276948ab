import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDatabaseUrl } from "../runtime/backends/sql-url.ts";
import { doubleText } from "../runtime/backends/sql-cell.ts";

test("db_url forms map to their backend", () => {
  assert.deepEqual(parseDatabaseUrl("sqlite:///var/lib/opensips/db.sqlite"), { kind: "sqlite", filename: "/var/lib/opensips/db.sqlite" });
  assert.deepEqual(parseDatabaseUrl("sqlite://:memory:"), { kind: "sqlite", filename: ":memory:" });
  assert.deepEqual(parseDatabaseUrl(":memory:"), { kind: "sqlite", filename: ":memory:" });
  assert.deepEqual(parseDatabaseUrl("sqlite://local.db"), { kind: "sqlite", filename: "local.db" });
  assert.deepEqual(parseDatabaseUrl("postgres://u:p@127.0.0.1:5432/opensips"), {
    kind: "postgres",
    connectionString: "postgres://u:p@127.0.0.1:5432/opensips",
  });
  assert.equal(parseDatabaseUrl("POSTGRESQL://u@h/db").kind, "postgres");
});

test("unusable db_urls say why", () => {
  assert.match(errorOf("mysql://u:p@localhost/db"), /unsupported database scheme "mysql"/);
  assert.match(errorOf("/tmp/x.db"), /not a database URL/);
  assert.match(errorOf("sqlite://"), /no database file/);
  assert.match(errorOf("postgres://"), /no server/);
});

test("floating-point values print like printf %f", () => {
  assert.equal(doubleText(1.5), "1.500000");
  assert.equal(doubleText(-0.125), "-0.125000");
  assert.equal(doubleText(1e21), "1000000000000000000000.000000");
  assert.equal(doubleText(Infinity), "inf");
  assert.equal(doubleText(-Infinity), "-inf");
  assert.equal(doubleText(NaN), "nan");
});

function errorOf(url: string): string {
  const target = parseDatabaseUrl(url);
  return target.kind === "invalid" ? target.error : "";
}
