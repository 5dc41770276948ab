/**
 * Source of the SQLite worker thread, started with `new Worker(SQLITE_WORKER_CODE, { eval: true })`.
 *
 * It is a string (not a file next to this module) so that it survives bundling: the CLI bundles the
 * runtime into one file, and esbuild neither copies worker files nor keeps `new URL(…)` paths valid.
 * Eval'd worker code is CommonJS; better-sqlite3 is loaded from the absolute path the main thread
 * resolved (`workerData.modulePath`), so it does not depend on the current directory.
 *
 * Protocol: requests `{ id, op: "query" | "exec", sql }`, answered strictly in order with
 * `{ id, ok: true, columns, rows, changes? }` or `{ id, ok: false, error }`. Rows are raw arrays
 * read with safe integers, so the main thread can tell INTEGER (bigint) from REAL (number).
 */
export const SQLITE_WORKER_CODE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");

let db = null;
let openError = null;
try {
  const Database = require(workerData.modulePath);
  db = new Database(workerData.filename);
} catch (err) {
  openError = "cannot open database " + workerData.filename + ": " + messageOf(err);
}

function messageOf(err) {
  return err && typeof err.message === "string" ? err.message : String(err);
}

function run(request) {
  if (openError !== null) return { id: request.id, ok: false, error: openError };
  try {
    if (request.op === "exec") {
      db.exec(request.sql);
      return { id: request.id, ok: true, columns: [], rows: [] };
    }
    const statement = db.prepare(request.sql);
    if (statement.reader) {
      statement.safeIntegers(true).raw(true);
      const columns = statement.columns().map((column) => column.name);
      return { id: request.id, ok: true, columns, rows: statement.all() };
    }
    const info = statement.run();
    return { id: request.id, ok: true, columns: [], rows: [], changes: info.changes };
  } catch (err) {
    return { id: request.id, ok: false, error: messageOf(err) };
  }
}

parentPort.on("message", (request) => {
  if (request.op === "close") {
    if (db !== null) db.close();
    parentPort.close();
    return;
  }
  parentPort.postMessage(run(request));
});
`;
