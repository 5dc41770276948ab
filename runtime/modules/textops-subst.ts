/**
 * textops substitutions, as pending changes of what is sent (OpenSIPS's lumps; the message the
 * script reads does not change): `subst('/re/repl/flags')`, `replace(re, text)`, `replace_all`
 * over the message after its start line (textops-message-text.ts); `subst_body`, `replace_body`,
 * `replace_body_all` over the body; `subst_uri` and `subst_user` over the Request-URI (which, as
 * in OpenSIPS, changes at once). All return 1 when something was replaced, -1 otherwise.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { applySubst } from "../transformations/subst-apply.ts";
import { parseSubst, type SubstExpr } from "../transformations/subst-expr.ts";
import { regexArg } from "./regex-arg.ts";
import { substituteInMessage } from "./textops-message-text.ts";

/** A replacement of the first (or every) match of the textops expression `pattern` by literal text. */
function literal(pattern: Arg, text: string | null, global: boolean): SubstExpr | null {
  const re = regexArg(pattern, { ignoreCase: true, newlineSensitive: true });
  if (re === null || text === null) return null;
  return { regex: new RegExp(re.source, `${re.flags.replace("g", "")}g`), replacement: [{ kind: "text", text }], global };
}

function parsed(ctx: Ctx, expression: Arg): SubstExpr | null {
  const text = textArg(expression);
  const subst = text === null ? null : parseSubst(text);
  if (subst === null) ctx.log(L_ERR, `ERROR:textops:subst: bad substitution expression "${text ?? ""}"`);
  return subst === null ? null : { ...subst, regex: new RegExp(subst.regex.source, `${subst.regex.flags.replace("g", "")}g`) };
}

function substitute(ctx: Ctx, subst: SubstExpr, input: string): string | undefined {
  const result = applySubst(subst, input, { requestUri: () => ctx.msg.ruri });
  return result === null ? undefined : result;
}

function onBody(ctx: Ctx, subst: SubstExpr | null): number {
  if (subst === null) return -1;
  const changed = substitute(ctx, subst, ctx.msg.outgoingBody);
  if (changed === undefined) return -1;
  ctx.msg.setBody(changed);
  return 1;
}

function onRuri(ctx: Ctx, subst: SubstExpr | null, userOnly: boolean): number {
  const uri = ctx.msg.parsedRuri;
  if (subst === null || uri === null) return -1;
  if (!userOnly) {
    const changed = substitute(ctx, subst, ctx.msg.ruri ?? "");
    return changed !== undefined && ctx.msg.setRuri(changed) ? 1 : -1;
  }
  const changed = substitute(ctx, subst, uri.user ?? "");
  return changed !== undefined && ctx.msg.setRuriUser(changed === "" ? null : changed) ? 1 : -1;
}

export const SUBST_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["subst", { call: (ctx, [expr]) => substituteInMessage(ctx, parsed(ctx, expr), "subst") }],
  ["replace", { call: (ctx, [re, text]) => substituteInMessage(ctx, literal(re, textArg(text), false), "replace") }],
  ["replace_all", { call: (ctx, [re, text]) => substituteInMessage(ctx, literal(re, textArg(text), true), "replace_all") }],
  ["subst_body", { call: (ctx, [expr]) => onBody(ctx, parsed(ctx, expr)) }],
  ["replace_body", { call: (ctx, [re, text]) => onBody(ctx, literal(re, textArg(text), false)) }],
  ["replace_body_all", { call: (ctx, [re, text]) => onBody(ctx, literal(re, textArg(text), true)) }],
  ["subst_uri", { call: (ctx, [expr]) => onRuri(ctx, parsed(ctx, expr), false) }],
  ["subst_user", { call: (ctx, [expr]) => onRuri(ctx, parsed(ctx, expr), true) }],
]);
