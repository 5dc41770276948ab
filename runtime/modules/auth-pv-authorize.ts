/**
 * pv_www_authorize / pv_proxy_authorize: digest authorization against the username and password
 * (or HA1, without `calculate_ha1`) the script put in the variables named by the auth modparams
 * `username_spec` and `password_spec`. The username must equal the credentials' username
 * (case-insensitive), else the user is unknown.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { ha1FromPassword } from "./auth-digest.ts";
import type { CredentialsHeader } from "./auth-marks.ts";
import {
  AUTH_ERROR,
  AUTHORIZED,
  INVALID_PASSWORD,
  preAuth,
  REPLIED,
  responseMatches,
  sendAuthReply,
  SERVER_ERROR_REASON,
  USER_UNKNOWN,
} from "./auth-verify.ts";
import { intModParam, modParam } from "./modparams.ts";
import { outputList } from "./output-list.ts";

/** The variable a `*_spec` modparam names; null (logged) when unset or not a variable. */
function specVariable(ctx: Ctx, param: string, functionName: string): Pv | null {
  const spec = modParam(ctx.engine.script, "auth", param);
  const parsed = spec === undefined ? "not set" : outputList(String(spec).trim(), false);
  if (typeof parsed !== "string" && parsed.length === 1) return parsed[0]!;
  ctx.log(L_ERR, `ERROR:auth:${functionName}: invalid ${param}: ${typeof parsed === "string" ? parsed : String(spec)}`);
  return null;
}

function pvAuthorize(header: CredentialsHeader, functionName: string): FunctionImpl {
  return {
    call: (ctx, [realmArg]) => {
      const pre = preAuth(ctx, textArg(realmArg), header);
      if (pre.code !== null) return pre.code;
      const userVar = specVariable(ctx, "username_spec", functionName);
      const passwordVar = specVariable(ctx, "password_spec", functionName);
      if (userVar === null || passwordVar === null) return AUTH_ERROR;
      const { credentials } = pre.marked;
      const user = textArg(userVar.get(ctx));
      const password = textArg(passwordVar.get(ctx));
      if (user === null || password === null) {
        sendAuthReply(ctx, 500, SERVER_ERROR_REASON);
        return REPLIED;
      }
      if (user.toLowerCase() !== (credentials.username ?? "").toLowerCase()) return USER_UNKNOWN;
      const calculate = intModParam(ctx.engine.script, "auth", "calculate_ha1", 0) !== 0;
      const ha1 = calculate ? ha1FromPassword(pre.algorithm, credentials.username ?? "", pre.realm, password) : password;
      return responseMatches(ctx, credentials, pre.algorithm, ha1) ? AUTHORIZED : INVALID_PASSWORD;
    },
  };
}

export const PV_AUTHORIZE_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["pv_www_authorize", pvAuthorize("authorization", "pv_www_authorize")],
  ["pv_proxy_authorize", pvAuthorize("proxy-authorization", "pv_proxy_authorize")],
]);
