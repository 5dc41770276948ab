/** SQLite database files for module tests: a fresh file in a temp dir, filled by a SQL script. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

const dir = mkdtempSync(join(tmpdir(), "opensips-ts-db-"));
let files = 0;

/** A new database file with `sql` (statements separated by `;`) run on it; returns the file's path. */
export function sqliteFile(sql: string): string {
  const file = join(dir, `db-${++files}.sqlite`);
  const db = new Database(file);
  db.exec(sql);
  db.close();
  return file;
}
