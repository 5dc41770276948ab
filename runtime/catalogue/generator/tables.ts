/**
 * Encodes the pseudo-variable, transformation, module-parameter and core-parameter tables as
 * `versionMask \t fields…` rows: one row per distinct fact, with the versions that have it.
 */
import { versionBit } from "../codec.ts";
import { CATALOGUE_VERSIONS, type CatalogueVersion } from "../types.ts";
import { INT_TYPED_PVS, STRING_TYPED_PVS } from "./overrides.ts";
import type { TsvRow } from "./tsv.ts";

type Tables = Readonly<Record<CatalogueVersion, readonly TsvRow[]>>;

function mergeByVersion(tables: Tables, fieldsOf: (row: TsvRow) => string[] | null): string[] {
  const masks = new Map<string, number>();
  for (const version of CATALOGUE_VERSIONS) {
    for (const row of tables[version]) {
      const fields = fieldsOf(row);
      if (!fields) continue;
      const key = fields.join("\t");
      masks.set(key, (masks.get(key) ?? 0) | versionBit(version));
    }
  }
  return [...masks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, mask]) => `${mask}\t${key}`);
}

/** Flags: A takes an argument, W writable, I indexable, N int-typed, S string-typed. */
export function pvRows(tables: Tables): string[] {
  return mergeByVersion(tables, (row) => {
    const name = row.name!;
    const flags =
      (row.takes_argument === "yes" ? "A" : "") +
      (row.writable === "yes" ? "W" : "") +
      (row.notes!.includes("indexable") ? "I" : "") +
      (INT_TYPED_PVS.has(name) ? "N" : "") +
      (STRING_TYPED_PVS.has(name) ? "S" : "");
    return [row.module!, name, flags];
  });
}

export function transformRows(tables: Tables): string[] {
  return mergeByVersion(tables, (row) => [row.module!, row.class!.toLowerCase(), row.method!, row.min_params!, row.max_params!]);
}

/** Type: `str`, `int` or `str|int`, with `+` when the value goes to a setter (USE_FUNC). */
export function modParamRows(tables: Tables): string[] {
  return mergeByVersion(tables, (row) => {
    const flags = row.type!.split("|");
    const type = flags.filter((f) => f !== "USE_FUNC").join("|").toLowerCase();
    return [row.module!, row.name!, type + (flags.includes("USE_FUNC") ? "+" : "")];
  });
}

/** Every module that exports a function, variable, transformation or parameter, with its versions. */
export function moduleRows(tablesByKind: readonly Tables[]): string[] {
  const masks = new Map<string, number>();
  for (const tables of tablesByKind) {
    for (const row of mergeByVersion(tables, (r) => (r.module === "core" ? null : [r.module!]))) {
      const [mask, module] = row.split("\t") as [string, string];
      masks.set(module, (masks.get(module) ?? 0) | Number(mask));
    }
  }
  return [...masks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([module, mask]) => `${mask}\t${module}`);
}

/** `loadmodule`/`modparam` are statements, not parameters. */
export function coreParamRows(tables: Tables): string[] {
  return mergeByVersion(tables, (row) => (row.value_type === "STATEMENT" ? null : [row.name!, row.value_type!]));
}
