/**
 * Remote-Party-ID helpers of auth (rpid.c): the RPID a backend or the script stored in the AVP
 * named by `rpid_avp` (default `$avp(rpid)`), appended as a Remote-Party-ID header
 * (`rpid_prefix` + RPID + `rpid_suffix`, or the prefix/suffix given) or checked for an E.164 user.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { parseNameAddr } from "../sip/name-addr.ts";
import { findUnnested } from "../sip/scan.ts";
import { parseUri } from "../sip/uri.ts";
import { modParam } from "./modparams.ts";

const DEFAULT_RPID_AVP = "$avp(rpid)";
const DEFAULT_RPID_SUFFIX = ";party=calling;id-type=subscriber;screen=yes";
const E164_USER = /^\+[0-9]{2,15}$/;

/** The RPID text: a non-empty string in the rpid AVP; null (logged when misconfigured) otherwise. */
function rpidValue(ctx: Ctx, functionName: string): string | null {
  const spec = String(modParam(ctx.engine.script, "auth", "rpid_avp") ?? DEFAULT_RPID_AVP);
  const name = /^\$avp\(([^()]+)\)$/.exec(spec.trim())?.[1];
  if (name === undefined) {
    ctx.log(L_ERR, `ERROR:auth:${functionName}: rpid avp not defined`);
    return null;
  }
  const value = ctx.state.avps.top(name);
  return typeof value === "string" && value !== "" ? value : null;
}

/** An optional string argument: the module parameter when the slot is absent. */
function orParam(ctx: Ctx, arg: Arg, param: string, fallback: string): string {
  return arg === undefined ? String(modParam(ctx.engine.script, "auth", param) ?? fallback) : (textArg(arg) ?? "");
}

function appendRpidHf(ctx: Ctx, [prefixArg, suffixArg]: readonly Arg[]): number {
  const rpid = rpidValue(ctx, "append_rpid_hf");
  if (rpid === null) return -1;
  const prefix = orParam(ctx, prefixArg, "rpid_prefix", "");
  const suffix = orParam(ctx, suffixArg, "rpid_suffix", DEFAULT_RPID_SUFFIX);
  ctx.msg.appendHeader(`Remote-Party-ID: ${prefix}${rpid}${suffix}\r\n`);
  return 1;
}

function isRpidUserE164(ctx: Ctx): number {
  const rpid = rpidValue(ctx, "is_rpid_user_e164");
  if (rpid === null) return -1;
  const uriText = findUnnested(rpid, 60 /* < */) >= 0 ? (parseNameAddr(rpid)?.uri ?? null) : rpid;
  const uri = uriText === null ? null : parseUri(uriText);
  if (uri === null) {
    ctx.log(L_ERR, "ERROR:auth:is_rpid_user_e164: failed to parse RPID URI");
    return -1;
  }
  return uri.user !== null && E164_USER.test(uri.user) ? 1 : -1;
}

export const RPID_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["append_rpid_hf", { call: appendRpidHf }],
  ["is_rpid_user_e164", { call: (ctx) => isRpidUserE164(ctx) }],
]);
