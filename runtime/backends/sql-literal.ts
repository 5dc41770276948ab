/** A text as an SQL string literal: quotes doubled, as standard SQL (SQLite, PostgreSQL) reads it. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
