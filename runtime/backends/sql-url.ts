/**
 * Parses an OpenSIPS-style `db_url` into the backend that serves it:
 * `sqlite:///abs/path.db`, `sqlite://relative.db`, `sqlite://:memory:`, a bare `:memory:`,
 * or `postgres://user:pass@host:port/db` (`postgresql://` too).
 */
export type DatabaseTarget =
  | { kind: "sqlite"; filename: string }
  | { kind: "postgres"; connectionString: string }
  | { kind: "invalid"; error: string };

export const SQLITE_MEMORY = ":memory:";

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (typeof url !== "string") return { kind: "invalid", error: "the database URL is not a string" };
  const trimmed = url.trim();
  if (trimmed === SQLITE_MEMORY) return { kind: "sqlite", filename: SQLITE_MEMORY };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (!scheme) return { kind: "invalid", error: `not a database URL: "${url}"` };
  const name = scheme[1]!.toLowerCase();
  const rest = trimmed.slice(scheme[0].length);
  if (name === "sqlite") {
    if (rest === "") return { kind: "invalid", error: `no database file in "${url}"` };
    return { kind: "sqlite", filename: rest };
  }
  if (name === "postgres" || name === "postgresql") {
    if (rest === "") return { kind: "invalid", error: `no server in "${url}"` };
    return { kind: "postgres", connectionString: trimmed };
  }
  return { kind: "invalid", error: `unsupported database scheme "${name}" in "${url}" (use sqlite:// or postgres://)` };
}
