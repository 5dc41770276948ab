/**
 * `rt.tr(class, method, params, nameaddrIndex?)`: one transformation of a chain, resolved once
 * when the emitted module loads. Literal parameters are converted once (numbers in numeric
 * positions, `{s.substr,0,2}`); PV parameters are read per use.
 */
import type { Ctx } from "./ctx.ts";
import { isPv, type Pv, type PvIndex } from "./pv-types.ts";
import { NotSupported } from "./script-error.ts";
import { literalParam, resolveTransform, type TransformEnv } from "./transformations/index.ts";
import type { Value } from "./value.ts";

export interface Transform {
  /** `{class.method,params}` as written. */
  readonly spec: string;
  apply(ctx: Ctx, input: Value): Value;
}

export function tr(cls: string, method: string, params: readonly (string | Pv)[], nameaddrIndex?: PvIndex | Pv): Transform {
  const spec = `{${cls}.${nameaddrIndex === undefined ? "" : `${isPv(nameaddrIndex) ? nameaddrIndex.spec : nameaddrIndex}.`}${method}${params.map((p) => `,${typeof p === "string" ? p : p.spec}`).join("")}}`;
  const fn = resolveTransform(cls, method);
  if (fn === null) {
    return {
      spec,
      apply: () => {
        throw new NotSupported(`transformation ${spec}`);
      },
    };
  }
  const isNameAddr = cls.trim().toLowerCase() === "nameaddr";
  const literals = params.map((p, i) => (typeof p === "string" ? literalParam(cls, method, i, p) : p));
  return {
    spec,
    apply(ctx, input) {
      const values: Value[] = literals.map((p) => (isPv(p) ? p.get(ctx) : p));
      if (isNameAddr) values.unshift(nameaddrIndex === undefined ? 0 : isPv(nameaddrIndex) ? nameaddrIndex.get(ctx) : typeof nameaddrIndex === "number" ? nameaddrIndex : 0);
      return fn(input, values, transformEnv(ctx));
    },
  };
}

/** What the transformations may ask of the current message. */
function transformEnv(ctx: Ctx): TransformEnv {
  return { requestUri: () => ctx.msg.ruri };
}
