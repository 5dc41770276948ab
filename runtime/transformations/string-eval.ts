/**
 * `{s.eval}`: the value is a format string whose pseudo-variables are expanded against the
 * current message. Parsing PVs belongs to the runtime, which passes `env.expandFormat`; without
 * it the result is NULL.
 */
import type { TransformFn } from "./types.ts";
import { onText } from "./on-text.ts";

export const evaluate: TransformFn = onText((text, _params, _input, env) => env?.expandFormat?.(text) ?? null);
