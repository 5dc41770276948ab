/**
 * auth_db's URI checks (checks.c): db_does_uri_exist (is user@host a subscriber?),
 * db_is_to_authorized / db_is_from_authorized (may the authorized credentials' user use the
 * To / From user, per a URI-like table?) and db_get_auth_id (the auth user and realm a URI maps
 * to). Codes as OpenSIPS: 1 yes; -1 bad input, -2 no authorized credentials, -3 non-string
 * result, -4 no username (or no such URI), -5 no such subscriber, -8 query failed, -9 spoofed user.
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_DBG, L_ERR, L_WARN } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import type { SqlResult } from "../backends/sql-types.ts";
import type { DigestCredentials } from "./auth-credentials.ts";
import { selectWhere } from "./auth-db-lookup.ts";
import { authDbSettings } from "./auth-db-settings.ts";
import { anyMarkedCredentials } from "./auth-marks.ts";

function uriArg(ctx: Ctx, text: string | null, functionName: string): SipUri | null {
  const uri = text === null ? null : parseUri(text);
  if (uri === null) ctx.log(L_DBG, `DBG:auth_db:${functionName}: URI parameter is not a valid SIP URI <${text ?? ""}>`);
  return uri;
}

function doesUriExist(ctx: Ctx, uriText: string | null, table: string | null): number {
  const uri = uriArg(ctx, uriText, "db_does_uri_exist");
  if (uri === null || table === null) return -1;
  const settings = authDbSettings(ctx.engine.script);
  const where: [string, string][] = [[settings.userColumn, uri.user ?? ""]];
  if (settings.useDomain) where.push([settings.domainColumn, uri.host]);
  const result = selectWhere(ctx, table, [settings.userColumn], where);
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:auth_db:db_does_uri_exist: Error while querying database: ${result.error}`);
    return -4;
  }
  return result.rows.length > 0 ? 1 : -5;
}

/**
 * The credentials www/proxy_authorize checked (Authorization first) and the user of `uri`, for
 * comparing them; a code when there are none (-2) or `uri` has no user (-4), logged as
 * `ERROR:<where>:`.
 */
export function credentialsAndUser(ctx: Ctx, uri: SipUri, where: string): { credentials: DigestCredentials; user: string } | number {
  const marked = anyMarkedCredentials(ctx.state, "authorization");
  if (marked === null) {
    ctx.log(L_ERR, `ERROR:${where}: No authorized credentials found (error in scripts)`);
    return -2;
  }
  if (uri.user === null || uri.user === "") {
    ctx.log(L_ERR, `ERROR:${where}: Username not found in URI`);
    return -4;
  }
  return { credentials: marked.credentials, user: uri.user };
}

/** GET_REALM: the domain of the credentials' username, else their realm. */
export function credentialsRealm(credentials: DigestCredentials): string {
  return credentials.domain !== "" ? credentials.domain : (credentials.realm ?? "");
}

/** check_username: the URI table allows the authorized user to appear as `uri`'s user. */
function isAuthorizedFor(ctx: Ctx, uri: SipUri | null, table: string | null, functionName: string): number {
  if (uri === null || table === null) return -1;
  const checked = credentialsAndUser(ctx, uri, `auth_db:${functionName}`);
  if (typeof checked === "number") return checked;
  const settings = authDbSettings(ctx.engine.script);
  const where: [string, string][] = [
    [settings.uriUserColumn, checked.credentials.user],
    [settings.uriDomainColumn, credentialsRealm(checked.credentials)],
    [settings.uriUriUserColumn, checked.user],
  ];
  const result = selectWhere(ctx, table, [settings.uriUserColumn], where);
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:auth_db:${functionName}: Error while querying database: ${result.error}`);
    return -8;
  }
  return result.rows.length > 0 ? 1 : -9;
}

function getAuthId(ctx: Ctx, table: string | null, uriText: string | null, authVar: Pv | null, realmVar: Pv | null): number {
  const uri = uriArg(ctx, uriText, "db_get_auth_id");
  if (uri === null || uri.user === null || table === null || authVar === null || realmVar === null) return -1;
  const settings = authDbSettings(ctx.engine.script);
  const where: [string, string][] = [[settings.uriUriUserColumn, uri.user]];
  if (settings.useDomain) where.push([settings.uriDomainColumn, uri.host]);
  const result = selectWhere(ctx, table, [settings.uriUserColumn, settings.uriDomainColumn], where);
  return assignAuthId(ctx, "auth_db:db_get_auth_id", result, authVar, realmVar);
}

/**
 * get_auth_id's answer: the auth user and realm of the first row `result` found, into the two
 * variables. 1; -4 no row, -3 not strings, -8 the query failed (logged as `<where>:`).
 */
export function assignAuthId(ctx: Ctx, where: string, result: SqlResult, authVar: Pv, realmVar: Pv): number {
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:${where}: Error while querying database: ${result.error}`);
    return -8;
  }
  const [row] = result.rows;
  if (row === undefined) return -4;
  if (result.rows.length > 1) ctx.log(L_WARN, `WARNING:${where}: Multiple entries are matching the given uri. Consider setting the 'use_domain' param.`);
  const [authUser, authRealm] = row;
  if (typeof authUser !== "string" || typeof authRealm !== "string") {
    ctx.log(L_ERR, `ERROR:${where}: Database column is not of type string.`);
    return -3;
  }
  authVar.assign(ctx, "=", authUser);
  realmVar.assign(ctx, "=", authRealm);
  return 1;
}

export const URI_CHECK_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["db_does_uri_exist", { call: (ctx, [uri, table]) => doesUriExist(ctx, textArg(uri), textArg(table)) }],
  ["db_is_to_authorized", { call: (ctx, [table]) => isAuthorizedFor(ctx, ctx.msg.toUri, textArg(table), "db_is_to_authorized") }],
  ["db_is_from_authorized", { call: (ctx, [table]) => isAuthorizedFor(ctx, ctx.msg.fromUri, textArg(table), "db_is_from_authorized") }],
  ["db_get_auth_id", { call: (ctx, [table, uri, auth, realm]) => getAuthId(ctx, textArg(table), textArg(uri), pvArg(auth), pvArg(realm)) }],
]);
