import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { openDatabase } from "../runtime/backends/sql.ts";
import { avpQueryOutputs } from "../runtime/backends/sql-outputs.ts";

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const backendsDir = join(repo, "runtime", "backends");
const tempDir = mkdtempSync(join(tmpdir(), "opensips-ts-sqlite-"));
process.on("exit", () => rmSync(tempDir, { recursive: true, force: true }));

/** A query that keeps SQLite busy for roughly `rows` / 10 µs (~200 ms for 2 000 000). */
function slowQuery(rows: number): string {
  return `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${rows}) SELECT count(*) AS n FROM c`;
}

test("1000 concurrent queries all resolve, each with its own row", async () => {
  const db = openDatabase(":memory:");
  const results = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => db.query(`SELECT ${i} AS n, 'row ' || ${i} AS s`)),
  );
  results.forEach((result, i) => assert.deepEqual(result, { ok: true, columns: ["n", "s"], rows: [[i, `row ${i}`]] }));
  await db.close();
});

test("the event loop keeps running while a slow query runs", async () => {
  const db = openDatabase(":memory:");
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  const started = performance.now();
  const result = await db.query(slowQuery(2_000_000));
  const elapsed = performance.now() - started;
  clearInterval(ticker);
  await db.close();
  assert.deepEqual(result, { ok: true, columns: ["n"], rows: [[2_000_000]] });
  assert.ok(elapsed > 50, `the query should take a while, took ${elapsed.toFixed(0)} ms`);
  // A blocked loop would tick at most once; a free one about elapsed / 5 times.
  assert.ok(ticks >= Math.floor(elapsed / 5 / 3), `${ticks} ticks in ${elapsed.toFixed(0)} ms`);
});

test("a file database keeps its data across close and reopen", async () => {
  const url = `sqlite://${join(tempDir, "persist.db")}`;
  const first = openDatabase(url);
  assert.equal((await first.exec("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER); INSERT INTO kv VALUES ('a', 7)")).ok, true);
  await first.close();
  const second = openDatabase(url);
  assert.deepEqual(await second.query("SELECT k, v FROM kv"), { ok: true, columns: ["k", "v"], rows: [["a", 7]] });
  await second.close();
});

test("cell types: big integers, blobs, expressions", async () => {
  const db = openDatabase(":memory:");
  const result = await db.query("SELECT 5000000000 AS big, x'6869' AS blob, 7 / 2 AS idiv, 7 / 2.0 AS fdiv, typeof(NULL) AS t");
  assert.deepEqual(result, { ok: true, columns: ["big", "blob", "idiv", "fdiv", "t"], rows: [[5000000000, "hi", 3, "3.500000", "null"]] });
  // OpenSIPS keeps DB integers in a C int.
  assert.deepEqual(avpQueryOutputs(result, 1).pushes, [{ column: 0, value: 705032704 }]);
  await db.close();
});

test("an unopenable file is an error result", async () => {
  const db = openDatabase(`sqlite://${join(tempDir, "no", "such", "dir", "x.db")}`);
  const result = await db.query("SELECT 1");
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error : "", /cannot open database/);
  await db.close();
});

test("a timed-out query on a file database does not hold up the next ones", async () => {
  const db = openDatabase(`sqlite://${join(tempDir, "timeout.db")}`);
  await db.exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (42)");
  const started = performance.now();
  // ~1 s of work; the old worker thread still finishes it in the background (a running SQLite
  // statement cannot be interrupted), but the next query is served by a fresh worker.
  const slow = db.query(slowQuery(8_000_000), { timeoutMs: 30 });
  const next = db.query("SELECT v FROM t", { timeoutMs: 5_000 });
  assert.deepEqual(await slow, { ok: false, error: "query timed out after 30 ms", timedOut: true });
  assert.deepEqual(await next, { ok: true, columns: ["v"], rows: [[42]] });
  const waited = performance.now() - started;
  assert.ok(waited < 500, `the next query waited ${waited.toFixed(0)} ms behind the slow one`);
  await db.close();
});

test("a timed-out query on an in-memory database keeps the data", async () => {
  const db = openDatabase(":memory:");
  await db.exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (42)");
  const slow = db.query(slowQuery(1_000_000), { timeoutMs: 10 });
  const next = db.query("SELECT v FROM t");
  assert.deepEqual(await slow, { ok: false, error: "query timed out after 10 ms", timedOut: true });
  assert.deepEqual(await next, { ok: true, columns: ["v"], rows: [[42]] });
  await db.close();
});

test("closing with queries in flight answers them", async () => {
  const db = openDatabase(":memory:");
  const pending = db.query(slowQuery(1_000_000));
  await db.close();
  assert.deepEqual(await pending, { ok: false, error: "database closed" });
});

test("an open database does not keep the process alive", async () => {
  const script = join(tempDir, "forgets-to-close.mts");
  writeFileSync(
    script,
    `import { openDatabase } from ${JSON.stringify(pathToFileURL(join(backendsDir, "sql.ts")).href)};
     const db = openDatabase(":memory:");
     const result = await db.query("SELECT 1 AS one");
     console.log(JSON.stringify(result));`,
  );
  const { code, stdout } = await runNode(["--import", "tsx", script], 10_000);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), { ok: true, columns: ["one"], rows: [[1]] });
});

test("the worker still starts when the backend is bundled into one file", async () => {
  // Inside node_modules so the bundle's external imports (better-sqlite3, pg) resolve as in dist/.
  const cache = join(repo, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, "backends-bundle-"));
  try {
    const outfile = join(outDir, "sql.mjs");
    await build({
      entryPoints: [join(backendsDir, "sql.ts")],
      outfile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      logLevel: "silent",
    });
    const bundled = (await import(pathToFileURL(outfile).href)) as typeof import("../runtime/backends/sql.ts");
    const db = bundled.openDatabase(":memory:");
    assert.deepEqual(await db.query("SELECT 'bundled' AS v"), { ok: true, columns: ["v"], rows: [["bundled"]] });
    await db.close();
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

function runNode(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repo, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}
