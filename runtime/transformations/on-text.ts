/**
 * Adapters from "a function of the input's string form" to a TransformFn. NULL input gives NULL,
 * as OpenSIPS leaves a NULL value untouched and the chain carries on.
 */
import type { Value } from "../value.ts";
import type { TransformEnv, TransformFn } from "./types.ts";
import { textOf } from "./value-text.ts";

export function onText(
  apply: (text: string, params: readonly Value[], input: Value, env?: TransformEnv) => Value,
): TransformFn {
  return (input, params, env) => {
    const text = textOf(input);
    return text === null ? null : apply(text, params, input, env);
  };
}

/**
 * The classes other than `s` reject an empty input (`val->rs.len <= 0` is an error in their eval
 * functions): NULL for both NULL and "".
 */
export function onNonEmptyText(
  apply: (text: string, params: readonly Value[], input: Value, env?: TransformEnv) => Value,
): TransformFn {
  return (input, params, env) => {
    const text = textOf(input);
    return text === null || text === "" ? null : apply(text, params, input, env);
  };
}
