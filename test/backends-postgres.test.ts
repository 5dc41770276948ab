import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Socket } from "node:net";
import { openDatabase } from "../runtime/backends/sql.ts";
import { postgresTestServer } from "./support/postgres.ts";

const server = postgresTestServer();

test("PostgreSQL cells are typed like OpenSIPS's db_postgres", { skip: server.skip }, async () => {
  const db = openDatabase(server.url!);
  const result = await db.query(
    `SELECT 5000000000::int8 AS big, 7::int2 AS small, 2.5::numeric AS num, 0.25::float8 AS dbl,
            true AS flag, '\\x6869'::bytea AS bin, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS at,
            'text'::varchar AS s, NULL::int AS nothing`,
  );
  assert.deepEqual(result, {
    ok: true,
    columns: ["big", "small", "num", "dbl", "flag", "bin", "at", "s", "nothing"],
    rows: [[5000000000, 7, "2.500000", "0.250000", "t", "hi", 1704164645, "text", null]],
  });
  await db.close();
});

test("a PostgreSQL query past its timeout is answered at once and the pool stays usable", { skip: server.skip }, async () => {
  const db = openDatabase(server.url!);
  const started = performance.now();
  assert.deepEqual(await db.query("SELECT pg_sleep(1)", { timeoutMs: 50 }), {
    ok: false,
    error: "query timed out after 50 ms",
    timedOut: true,
  });
  assert.ok(performance.now() - started < 900);
  assert.deepEqual(await db.query("SELECT 1 AS one"), { ok: true, columns: ["one"], rows: [[1]] });
  await db.close();
});

test("a multi-statement text answers with its last statement", { skip: server.skip }, async () => {
  const db = openDatabase(server.url!);
  assert.deepEqual(await db.query("SELECT 1 AS a; SELECT 2 AS b"), { ok: true, columns: ["b"], rows: [[2]] });
  await db.close();
});

test("an unreachable PostgreSQL server is an error result", async () => {
  // Port 1 (tcpmux) has no listener on any machine these tests run on.
  const db = openDatabase("postgres://u:p@127.0.0.1:1/db");
  const result = await db.query("SELECT 1", { timeoutMs: 5_000 });
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error : "", /cannot connect.*ECONNREFUSED/);
  await db.close();
});

test("a server that never answers runs into the timeout", async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const port = (silent.address() as { port: number }).port;
  const db = openDatabase(`postgresql://u:p@127.0.0.1:${port}/db`);
  assert.deepEqual(await db.query("SELECT 1", { timeoutMs: 50 }), {
    ok: false,
    error: "query timed out after 50 ms",
    timedOut: true,
  });
  for (const socket of sockets) socket.destroy();
  await db.close();
  silent.close();
});
