/**
 * `{re.subst,/regex/replacement/flags}`: the expression may be a literal or come from a PV.
 * The value is returned unchanged when nothing matches; NULL when the expression is invalid, a
 * match is empty, or the replacement names a PV and no TransformEnv.pvAt is available.
 */
import type { TransformEnv, TransformFn } from "./types.ts";
import { onNonEmptyText } from "./on-text.ts";
import { stringParam } from "./param-values.ts";
import { applySubst } from "./subst-apply.ts";
import { parseSubst, type SubstExpr } from "./subst-expr.ts";

const CACHE_LIMIT = 64;
const cache = new Map<string, SubstExpr>();

/** `\{` and `\}` in the parameter stand for braces (they could not be written bare). */
function unescapeBraces(param: string): string {
  return param.replace(/\\([{}])/g, "$1");
}

function compiled(expr: string, env: TransformEnv | undefined): SubstExpr | null {
  const hit = cache.get(expr);
  if (hit !== undefined) return hit;
  const subst = parseSubst(expr, env);
  if (subst !== null) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(expr, subst);
  }
  return subst;
}

export const subst: TransformFn = onNonEmptyText((text, params, input, env) => {
  const param = stringParam(params[0]);
  const expr = param === null ? null : compiled(unescapeBraces(param), env);
  if (expr === null) return null;
  const result = applySubst(expr, text, env);
  return result === undefined ? input : result;
});
