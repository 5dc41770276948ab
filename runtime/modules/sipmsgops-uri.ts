/**
 * sipmsgops functions on the Request-URI and on URIs given as text. Request-URI changes are
 * visible at once (`$ru`), as in OpenSIPS.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { paramValue, parseParams } from "../sip/params.ts";
import { parseUri } from "../sip/uri.ts";

/** An E.164 number as sipmsgops checks it: `+` and 2 to 15 digits. */
const E164 = /^\+[0-9]{2,15}$/;

function ruriHasParam(ctx: Ctx, name: string | null, value: string | null): number {
  const uri = ctx.msg.parsedRuri;
  if (uri === null || name === null) return -1;
  const found = paramValue(uri.params, name);
  if (found === undefined) return -1;
  if (value === null) return 1;
  return found !== null && found === value ? 1 : -1;
}

function ruriAddParam(ctx: Ctx, param: string | null): number {
  if (param === null || param === "") return -1;
  const added = parseParams(param);
  return ctx.msg.updateRuri((uri) => ({ ...uri, params: [...uri.params, ...added] })) ? 1 : -1;
}

function ruriDelParam(ctx: Ctx, name: string | null): number {
  const uri = ctx.msg.parsedRuri;
  if (uri === null || name === null || paramValue(uri.params, name) === undefined) return -1;
  const wanted = name.toLowerCase();
  return ctx.msg.updateRuri((u) => ({ ...u, params: u.params.filter((p) => p.name.toLowerCase() !== wanted) })) ? 1 : -1;
}

/** ruri_tel2sip(): `tel:+123;p=x` becomes `sip:+123;p=x@<From host>;user=phone`. */
function ruriTelToSip(ctx: Ctx): number {
  const uri = ctx.msg.parsedRuri;
  if (uri === null) return -1;
  if (uri.scheme !== "tel" && uri.scheme !== "tels") return 1;
  const host = ctx.msg.fromUri?.host;
  if (host === undefined || uri.user === null) return -1;
  const userParams = uri.params.map((p) => (p.value === null ? `;${p.name}` : `;${p.name}=${p.value}`)).join("");
  const scheme = uri.scheme === "tels" ? "sips" : "sip";
  return ctx.msg.setRuri(`${scheme}:${uri.user}${userParams}@${host};user=phone`) ? 1 : -1;
}

function isUriUserE164(text: string | null): number {
  const uri = text === null ? null : parseUri(text);
  return uri?.user !== null && uri?.user !== undefined && E164.test(uri.user) ? 1 : -1;
}

/** append_urihf(prefix, suffix): a header made of prefix, the Request-URI and suffix. */
function appendUriHeader(ctx: Ctx, prefix: string | null, suffix: string | null): number {
  const ruri = ctx.msg.ruri;
  if (ruri === null || prefix === null || suffix === null) return -1;
  ctx.msg.appendHeader(`${prefix}${ruri}${suffix}`);
  return 1;
}

export const URI_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["ruri_has_param", { call: (ctx, [name, value]) => ruriHasParam(ctx, textArg(name), textArg(value)) }],
  ["ruri_add_param", { call: (ctx, [param]) => ruriAddParam(ctx, textArg(param)) }],
  ["ruri_del_param", { call: (ctx, [name]) => ruriDelParam(ctx, textArg(name)) }],
  ["ruri_tel2sip", { call: (ctx) => ruriTelToSip(ctx) }],
  ["is_uri_user_e164", { call: (_ctx, [uri]) => isUriUserE164(textArg(uri)) }],
  ["append_urihf", { call: (ctx, [prefix, suffix]) => appendUriHeader(ctx, textArg(prefix), textArg(suffix)) }],
]);
