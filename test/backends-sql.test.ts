// The SQL semantics every backend must share, run against SQLite (memory and file) and PostgreSQL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type SqlDatabase } from "../runtime/backends/sql.ts";
import { avpQueryOutputs } from "../runtime/backends/sql-outputs.ts";
import { postgresTestServer, uniqueTableName } from "./support/postgres.ts";

const fileDir = mkdtempSync(join(tmpdir(), "opensips-ts-sql-"));
process.on("exit", () => rmSync(fileDir, { recursive: true, force: true }));
const postgres = postgresTestServer();

const backends: { name: string; url: string | null; skip: string | false }[] = [
  { name: "SQLite in memory", url: "sqlite://:memory:", skip: false },
  { name: "SQLite bare :memory:", url: ":memory:", skip: false },
  { name: "SQLite file", url: `sqlite://${join(fileDir, "test.db")}`, skip: false },
  { name: "PostgreSQL", url: postgres.url, skip: postgres.skip },
];

for (const backend of backends) {
  test(`${backend.name}: the shared SQL semantics`, { skip: backend.skip }, async (t) => {
    const db = openDatabase(backend.url!);
    const table = uniqueTableName("users");
    t.after(async () => {
      await db.exec(`DROP TABLE IF EXISTS ${table}`);
      await db.close();
    });
    await createUsers(db, table);

    await t.test("int columns are numbers, text is text, REAL is %f text, NULL is null", async () => {
      const result = await db.query(`SELECT id, name, credit, note FROM ${table} ORDER BY id`);
      assert.deepEqual(result, {
        ok: true,
        columns: ["id", "name", "credit", "note"],
        rows: [
          [1, "alice", "1.500000", "vip"],
          [2, "bob", "-2.250000", null],
          [3, "carol", null, "12"],
        ],
      });
    });

    await t.test("a SELECT without rows keeps its columns", async () => {
      const result = await db.query(`SELECT id, name FROM ${table} WHERE id > 100`);
      assert.deepEqual(result, { ok: true, columns: ["id", "name"], rows: [] });
      assert.equal(avpQueryOutputs(result, 2).code, -2);
    });

    await t.test("a statement without rows reports the rows it changed", async () => {
      const result = await db.query(`UPDATE ${table} SET note = 'x' WHERE id >= 2`);
      assert.deepEqual(result, { ok: true, columns: [], rows: [], changes: 2 });
      assert.equal(avpQueryOutputs(result, null).code, -2);
    });

    await t.test("a syntax error is a failed result, not a rejection", async () => {
      const result = await db.query(`SELEC id FROM ${table}`);
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.error : "", /syntax/i);
      assert.equal(avpQueryOutputs(result, 1).code, -1);
    });

    await t.test("a missing table is a failed result", async () => {
      const result = await db.query(`SELECT * FROM ${table}_missing`);
      assert.equal(result.ok, false);
    });

    await t.test("rows become AVP pushes: last row first, so row 0 ends on top", async () => {
      const result = await db.query(`SELECT id, credit FROM ${table} ORDER BY id`);
      assert.deepEqual(avpQueryOutputs(result, 2), {
        code: 1,
        pushes: [
          { column: 0, value: 3 },
          { column: 1, value: "<null>" },
          { column: 0, value: 2 },
          { column: 1, value: "-2.250000" },
          { column: 0, value: 1 },
          { column: 1, value: "1.500000" },
        ],
      });
    });

    await t.test("concurrent queries each get their own rows", async () => {
      const ids = Array.from({ length: 300 }, (_, i) => (i % 3) + 1);
      const results = await Promise.all(ids.map((id) => db.query(`SELECT id, name FROM ${table} WHERE id = ${id}`)));
      const names = ["alice", "bob", "carol"];
      results.forEach((result, i) => {
        assert.deepEqual(result, { ok: true, columns: ["id", "name"], rows: [[ids[i], names[ids[i]! - 1]]] });
      });
    });
  });
}

async function createUsers(db: SqlDatabase, table: string): Promise<void> {
  const created = await db.exec(
    `CREATE TABLE ${table} (id INTEGER, name VARCHAR(32), credit REAL, note TEXT);
     INSERT INTO ${table} VALUES (1, 'alice', 1.5, 'vip');
     INSERT INTO ${table} VALUES (2, 'bob', -2.25, NULL);
     INSERT INTO ${table} VALUES (3, 'carol', NULL, '12');`,
  );
  assert.deepEqual(created, { ok: true, columns: [], rows: [] });
}

test("a closed database answers with an error", async () => {
  const db = openDatabase("sqlite://:memory:");
  await db.close();
  assert.deepEqual(await db.query("SELECT 1"), { ok: false, error: "database closed" });
  assert.deepEqual(await db.exec("SELECT 1"), { ok: false, error: "database closed" });
});

test("an unusable URL gives a database that answers with the reason", async () => {
  for (const url of ["mysql://u:p@localhost/db", "no-scheme", "sqlite://"]) {
    const result = await openDatabase(url).query("SELECT 1");
    assert.equal(result.ok, false, url);
  }
});
