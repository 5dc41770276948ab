/**
 * The credentials uac_auth answers a challenge with (uac_auth module, auth.c lookup_realm): first
 * the AVPs named by `auth_realm_avp`, `auth_username_avp` and `auth_password_avp` (all three must
 * be set; they count when the realm AVP equals the challenge's realm and all three hold non-empty
 * strings), then the `credential` modparams (`user:realm:password`; the last one given for a
 * realm wins, as OpenSIPS prepends each to its list). Realms compare case-sensitively.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { Script } from "../script.ts";
import { modParam, modParamValues } from "./modparams.ts";

const MODULE = "uac_auth";

export interface UacCredential {
  readonly user: string;
  readonly realm: string;
  /** Plain text, or `0x` and the HA1 in lower-case hex. */
  readonly password: string;
}

/** add_credential: user and realm without `:` or blanks, a password without blanks (it may hold `:`). */
const CREDENTIAL = /^\s*([^:\s]+)\s*:\s*([^:\s]+)\s*:\s*(\S+)\s*$/;

const AVP_SPEC = /^\$avp\(([^()]+)\)$/;

/** The AVP a parameter names: undefined when unset, null when it is not `$avp(name)`. */
function avpName(script: Script, param: string): string | null | undefined {
  const spec = modParam(script, MODULE, param);
  return spec === undefined ? undefined : (AVP_SPEC.exec(String(spec).trim())?.[1] ?? null);
}

function avpCredential(ctx: Ctx, realm: string): UacCredential | null {
  const script = ctx.engine.script;
  const names = [avpName(script, "auth_realm_avp"), avpName(script, "auth_username_avp"), avpName(script, "auth_password_avp")];
  if (names.every((name) => name === undefined)) return null;
  if (names.some((name) => name === undefined || name === null)) {
    ctx.log(L_ERR, "ERROR:uac_auth:mod_init: the auth_realm_avp, auth_username_avp and auth_password_avp parameters must all name AVPs");
    return null;
  }
  const [realmValue, user, password] = (names as string[]).map((name) => ctx.state.avps.top(name));
  const text = (value: unknown): value is string => typeof value === "string" && value !== "";
  if (!text(realmValue) || realmValue !== realm || !text(user) || !text(password)) return null;
  return { user, realm, password };
}

function staticCredential(ctx: Ctx, realm: string): UacCredential | null {
  const given = modParamValues(ctx.engine.script, MODULE, "credential").map(String);
  for (const text of given.reverse()) {
    const match = CREDENTIAL.exec(text);
    if (match === null) {
      ctx.log(L_ERR, `ERROR:uac_auth:add_credential: parse error in <${text}>`);
      continue;
    }
    if (match[2] === realm) return { user: match[1]!, realm, password: match[3]! };
  }
  return null;
}

export function credentialFor(ctx: Ctx, realm: string): UacCredential | null {
  return avpCredential(ctx, realm) ?? staticCredential(ctx, realm);
}
