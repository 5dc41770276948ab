/**
 * OpenSIPS script transformations (`$(var(x){uri.user}{s.len})`), spec §9.
 *
 * The compiler checks names with transformSupported(); the runtime resolves each transformation
 * of a script once with resolveTransform() and calls the returned function per value, with the
 * parameters evaluated: a literal converted once by literalParam() (numbers in numeric
 * positions), a PV parameter as its current value. `nameaddr` methods take the element index
 * (`{nameaddr.N.uri}`) as their first parameter.
 */
import type { Value } from "../value.ts";
import type { TransformEnv, TransformFn } from "./types.ts";
import { TRANSFORM_TABLE } from "./table.ts";

export type { TransformEnv, TransformFn } from "./types.ts";
export { literalParam } from "./literal-params.ts";

function lookup(cls: string, method: string): TransformFn | undefined {
  const className = cls.trim().toLowerCase();
  const methodName = method.trim().toLowerCase();
  const methods = Object.hasOwn(TRANSFORM_TABLE, className) ? TRANSFORM_TABLE[className]! : {};
  return Object.hasOwn(methods, methodName) ? methods[methodName] : undefined;
}

/** Class and method names are case-insensitive, as in OpenSIPS. */
export function transformSupported(cls: string, method: string): boolean {
  return lookup(cls, method) !== undefined;
}

/** Every supported `class.method`, lower case. */
export const SUPPORTED_TRANSFORMS: readonly string[] = Object.entries(TRANSFORM_TABLE).flatMap(([cls, methods]) =>
  Object.keys(methods).map((method) => `${cls}.${method}`),
);

/** The per-value function of a transformation, or null when it is not supported. Never throws. */
export function resolveTransform(cls: string, method: string): TransformFn | null {
  const fn = lookup(cls, method);
  if (fn === undefined) return null;
  return (input, params, env) => {
    // The implementations do not throw on any input (see the tests); this net is for what no
    // test can rule out, such as the regex engine running out of stack on a huge value.
    try {
      return fn(input, params, env);
    } catch {
      return null;
    }
  };
}

/**
 * One-off application (tests, tools): resolve and apply. `nameaddrIndex` is the N of
 * `{nameaddr.N.method}`. NULL for an unsupported transformation.
 */
export function applyTransform(
  cls: string,
  method: string,
  input: Value,
  params: readonly Value[] = [],
  nameaddrIndex?: number,
  env?: TransformEnv,
): Value {
  const fn = resolveTransform(cls, method);
  if (fn === null) return null;
  const isNameAddr = cls.trim().toLowerCase() === "nameaddr";
  return fn(input, isNameAddr ? [nameaddrIndex ?? 0, ...params] : params, env);
}
