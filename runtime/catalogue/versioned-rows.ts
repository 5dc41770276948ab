/**
 * `versionMask \t fields…` rows, indexed by one of their fields on first use. A row is split and
 * decoded only when a lookup returns it, so the first lookup stays cheap.
 */
import { versionBit } from "./codec.ts";
import type { CatalogueVersion } from "./types.ts";

/** Field `n` of a tab-separated row (0 = the version mask). */
export function rowField(row: string, n: number): string {
  let start = 0;
  for (let i = 0; i < n; i++) start = row.indexOf("\t", start) + 1;
  const end = row.indexOf("\t", start);
  return end < 0 ? row.slice(start) : row.slice(start, end);
}

export interface VersionedIndex<T> {
  /** Entries under `key` that exist in `version`. */
  get(key: string, version: CatalogueVersion): T[];
  /** The union of the version masks of the entries under `key`. */
  maskOf(key: string): number;
}

/** `keyField`: the field (1-based, after the mask) the index is keyed by. */
export function versionedIndex<T>(rows: readonly string[], keyField: number, decode: (fields: string[]) => T): VersionedIndex<T> {
  let byKey: Map<string, string[]> | null = null;
  const decoded = new Map<string, { entry: T; mask: number }>();
  const rowsUnder = (key: string) => {
    if (!byKey) {
      byKey = new Map();
      for (const row of rows) {
        const k = rowField(row, keyField);
        const list = byKey.get(k);
        if (list) list.push(row);
        else byKey.set(k, [row]);
      }
    }
    return byKey.get(key) ?? [];
  };
  const decodeRow = (row: string) => {
    let item = decoded.get(row);
    if (!item) {
      const [mask, ...fields] = row.split("\t");
      item = { entry: decode(fields), mask: Number(mask) };
      decoded.set(row, item);
    }
    return item;
  };
  return {
    get: (key, version) =>
      rowsUnder(key)
        .map(decodeRow)
        .filter((i) => (i.mask & versionBit(version)) !== 0)
        .map((i) => i.entry),
    maskOf: (key) => rowsUnder(key).reduce((mask, row) => mask | Number(rowField(row, 0)), 0),
  };
}
