/**
 * The `csv` class: `{csv.count}` (int-typed) and `{csv.value,index}` (negative index counts from
 * the end). NULL for an empty or malformed record or an index out of range.
 */
import type { TransformFn } from "./types.ts";
import { parseCsvRecord } from "./csv-record.ts";
import { onNonEmptyText } from "./on-text.ts";
import { numberParam } from "./param-values.ts";

export const count: TransformFn = onNonEmptyText((text) => parseCsvRecord(text)?.length ?? null);

export const value: TransformFn = onNonEmptyText((text, params) => {
  const fields = parseCsvRecord(text);
  const index = numberParam(params[0]);
  if (fields === null || index === null) return null;
  return fields[index < 0 ? fields.length + index : index] ?? null;
});
