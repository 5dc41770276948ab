/** Builds function signatures from functions-VER.tsv rows and encodes them as catalogue rows. */
import { encodeSignature } from "../codec.ts";
import { CATALOGUE_VERSIONS, ROUTE_KINDS, type CatalogueVersion, type FunctionSignature, type RouteKind } from "../types.ts";
import { PARAM_OVERRIDES } from "./overrides.ts";
import { param24Core, param24Module, param3x } from "./param-rules.ts";
import type { TsvRow } from "./tsv.ts";

function routeKindsOf(cell: string): RouteKind[] {
  if (cell === "ALL") return [...ROUTE_KINDS];
  return cell.split("|").map((flag) => flag.toLowerCase() as RouteKind);
}

/** 2.4 declares one export row per argument count: `arg counts: 0|2`, or `forms: (STR) / ()` for statements. */
function argCountsOf(notes: string): number[] | null {
  const counts = /arg counts: ([\d|]+)/.exec(notes);
  if (counts) return counts[1]!.split("|").map(Number);
  const forms = /forms: ((?:\([^)]*\)(?: \/ )?)+)/.exec(notes);
  if (!forms || forms[1]!.includes("...")) return null;
  const arities = [...forms[1]!.matchAll(/\(([^)]*)\)/g)].map((m) => (m[1] === "" ? 0 : m[1]!.split(",").length));
  return [...new Set(arities)].sort((a, b) => a - b);
}

function soleFixupOf(notes: string): string | null {
  return /(?:^|,)fixup: (\w+)/.exec(notes)?.[1] ?? null;
}

/** The signature a row declares, or null for rows a script can never reach. */
export function signatureOf(row: TsvRow, version: CatalogueVersion): FunctionSignature | null {
  const notes = row.notes!;
  if (row.route_types === "NONE" || /duplicate entry .*shadowed/.test(notes)) return null;
  const statement = notes.includes("cfg.y grammar statement");
  const cells = row.params === "" ? [] : row.params!.split(";");
  const soleFixup = cells.length === 1 ? soleFixupOf(notes) : null;
  const params = cells.map((cell) =>
    version !== "2.4" ? param3x(cell, statement) : statement || row.module === "core" ? param24Core(cell) : param24Module(cell, soleFixup),
  );
  return {
    minArgs: Number(row.min_args),
    maxArgs: row.max_args === "*" ? null : Number(row.max_args),
    argCounts: version === "2.4" ? argCountsOf(notes) : null,
    params,
    routeKinds: routeKindsOf(row.route_types!),
    async: row.async === "yes" ? "yes" : row.async === "async-only" ? "only" : "no",
    grammarStatement: statement,
    noParensAllowed: notes.includes("also valid without parentheses"),
    obsolete: notes.includes("obsolete"),
  };
}

export function applyOverrides(module: string, name: string, version: CatalogueVersion, signature: FunctionSignature): FunctionSignature {
  const overrides = PARAM_OVERRIDES.filter((o) => o.module === module && o.name === name && o.versions.includes(version));
  if (overrides.length === 0) return signature;
  const params = signature.params.map((p, i) => overrides.reduce((acc, o) => ({ ...acc, ...o.params[i] }), p));
  return { ...signature, params };
}

/** One encoded row per (module, name), with its signature in each version (`-` when absent). */
export function functionRows(tables: Readonly<Record<CatalogueVersion, readonly TsvRow[]>>): string[] {
  const byKey = new Map<string, Partial<Record<CatalogueVersion, string>>>();
  for (const version of CATALOGUE_VERSIONS) {
    for (const row of tables[version]) {
      const signature = signatureOf(row, version);
      if (!signature) continue;
      const key = `${row.module}\t${row.name}`;
      const entry = byKey.get(key) ?? {};
      entry[version] = encodeSignature(applyOverrides(row.module!, row.name!, version, signature));
      byKey.set(key, entry);
    }
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => sortKey(a).localeCompare(sortKey(b)))
    .map(([key, sigs]) => [key, ...CATALOGUE_VERSIONS.map((v) => sigs[v] ?? "-")].join("\t"));
}

/** Core first, then modules alphabetically, as the fact tables order them. */
function sortKey(key: string): string {
  return (key.startsWith("core\t") ? "0" : "1") + key;
}
