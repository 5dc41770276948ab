/**
 * Which user a group function checks (get_username_domain in OpenSIPS's group module): its first
 * argument names a source — `Request-URI`, `To`, `From` (their URI's user and host) or
 * `Credentials` (the digest username and realm of the credentials www/proxy_authorize
 * accepted), case-insensitively — or is itself a SIP URI.
 */
import type { Ctx } from "../ctx.ts";
import { parseUri } from "../sip/uri.ts";
import { anyMarkedCredentials } from "./auth-marks.ts";

export interface GroupUser {
  readonly user: string;
  readonly domain: string;
}

function fromUri(text: string | null | undefined): GroupUser | string {
  const uri = text === null || text === undefined ? null : parseUri(text);
  if (uri === null) return `failed to parse URI <${text ?? ""}>`;
  return { user: uri.user ?? "", domain: uri.host };
}

/** The user and domain named by `source`, or why they cannot be had. */
export function groupUser(ctx: Ctx, source: string): GroupUser | string {
  switch (source.toLowerCase()) {
    case "request-uri":
      return fromUri(ctx.msg.ruri);
    case "to":
      return fromUri(ctx.msg.to?.uri);
    case "from":
      return fromUri(ctx.msg.from?.uri);
    case "credentials": {
      const marked = anyMarkedCredentials(ctx.state, "authorization");
      if (marked === null) return "no authorized credentials found (error in scripts)";
      const { user, domain, realm } = marked.credentials;
      return { user, domain: domain !== "" ? domain : (realm ?? "") };
    }
    default:
      return fromUri(source);
  }
}
