/**
 * The `param` class: `{param.value,name}`, `{param.exist,name}` (alias `exists`),
 * `{param.valueat,index}`, `{param.name,index}`, `{param.count}` over a `k1=v1;k2;k3=v3` list.
 * An unparsable or empty list gives NULL; a missing name or index gives NULL.
 */
import type { Value } from "../value.ts";
import type { TransformFn } from "./types.ts";
import { onNonEmptyText } from "./on-text.ts";
import { numberParam, stringParam } from "./param-values.ts";
import { findParam, paramAt, parseParamList, type ListParam } from "./param-list.ts";

function onList(apply: (list: ListParam[], params: readonly Value[]) => Value): TransformFn {
  return onNonEmptyText((text, params) => {
    const list = parseParamList(text);
    return list === null ? null : apply(list, params);
  });
}

export const value: TransformFn = onList((list, params) => {
  const name = stringParam(params[0]);
  return name === null ? null : (findParam(list, name)?.value ?? null);
});

/** Int-typed 1 or 0. */
export const exist: TransformFn = onList((list, params) => {
  const name = stringParam(params[0]);
  return name === null ? null : findParam(list, name) === undefined ? 0 : 1;
});

export const valueAt: TransformFn = onList((list, params) => {
  const index = numberParam(params[0]);
  return index === null ? null : (paramAt(list, index)?.value ?? null);
});

export const name: TransformFn = onList((list, params) => {
  const index = numberParam(params[0]);
  return index === null ? null : (paramAt(list, index)?.name ?? null);
});

/** Int-typed number of parameters. */
export const count: TransformFn = onList((list) => list.length);
