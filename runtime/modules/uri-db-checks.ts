/**
 * The database checks of OpenSIPS 2.4's uri module (db_checks.c), which 3.x moved to auth_db:
 * - db_check_to() / db_check_from(): may the authorized credentials' user use the To / From
 *   user? With `use_uri_table`, when the URI table has a row (user, realm, URI user); else when
 *   the two users are equal, ignoring case. 1; -1 bad header, -2 no authorized credentials,
 *   -4 no user in the URI, -8 query failed, -9 not in the URI table, -10 not the same user.
 * - db_does_uri_exist(): is the Request-URI's user (and host, with `use_domain`) in the table
 *   (the `user_column`, or the `uriuser_column` of the URI table)? 1; -1 bad R-URI, -4 query
 *   failed, -5 no.
 * - db_get_auth_id(uri, user_var, realm_var): the auth user and realm of a URI, looked up as
 *   db_does_uri_exist does; codes as auth_db's (auth-db-checks.ts).
 * Module parameters: db_url, db_table ("subscriber"), user_column ("username"), domain_column
 * ("domain"), uriuser_column ("uri_user"), use_uri_table (0), use_domain (0).
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { L_DBG, L_ERR, L_WARN } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import type { Script } from "../script.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import { assignAuthId, credentialsAndUser, credentialsRealm } from "./auth-db-checks.ts";
import { selectWhere } from "./auth-db-lookup.ts";
import { formatFromText, pvFromSpec } from "./dispatcher-pv-text.ts";
import { intModParam, modParam } from "./modparams.ts";

const MODULE = "uri";

interface UriDbSettings {
  readonly table: string;
  readonly userColumn: string;
  readonly domainColumn: string;
  readonly uriUserColumn: string;
  readonly useUriTable: boolean;
  readonly useDomain: boolean;
}

function settingsOf(script: Script): UriDbSettings {
  const text = (name: string, fallback: string): string => String(modParam(script, MODULE, name) ?? fallback);
  return {
    table: text("db_table", "subscriber"),
    userColumn: text("user_column", "username"),
    domainColumn: text("domain_column", "domain"),
    uriUserColumn: text("uriuser_column", "uri_user"),
    useUriTable: intModParam(script, MODULE, "use_uri_table", 0) !== 0,
    useDomain: intModParam(script, MODULE, "use_domain", 0) !== 0,
  };
}

/** check_username: the To / From `uri` against the authorized credentials. */
function checkUsername(ctx: Ctx, uri: SipUri | null, functionName: string, header: string): number {
  if (uri === null) {
    ctx.log(L_ERR, `ERROR:uri:${functionName}: Error while parsing ${header} header URI`);
    return -1;
  }
  const checked = credentialsAndUser(ctx, uri, `uri:${functionName}`);
  if (typeof checked === "number") return checked;
  const settings = settingsOf(ctx.engine.script);
  if (!settings.useUriTable) {
    if (checked.user.toLowerCase() === checked.credentials.user.toLowerCase()) return 1;
    ctx.log(L_DBG, `DBG:uri:${functionName}: Digest username and URI username do NOT match`);
    return -10;
  }
  const where: [string, string][] = [
    [settings.userColumn, checked.credentials.user],
    [settings.domainColumn, credentialsRealm(checked.credentials)],
    [settings.uriUserColumn, checked.user],
  ];
  const result = selectWhere(ctx, settings.table, [settings.userColumn], where, MODULE);
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:uri:${functionName}: Error while querying database: ${result.error}`);
    return -8;
  }
  return result.rows.length > 0 ? 1 : -9;
}

/** The keys a URI's user (and host, with use_domain) is looked up by: its user as a URI user (URI table) or a subscriber. */
function uriKeys(settings: UriDbSettings, uri: SipUri): [string, string][] {
  const keys: [string, string][] = [[settings.useUriTable ? settings.uriUserColumn : settings.userColumn, uri.user ?? ""]];
  if (settings.useDomain) keys.push([settings.domainColumn, uri.host]);
  return keys;
}

function doesUriExist(ctx: Ctx): number {
  const uri = ctx.msg.isRequest ? ctx.msg.parsedRuri : null;
  if (uri === null) {
    ctx.log(L_ERR, "ERROR:uri:db_does_uri_exist: Error while parsing URI");
    return -1;
  }
  const settings = settingsOf(ctx.engine.script);
  const keys = uriKeys(settings, uri);
  const result = selectWhere(ctx, settings.table, [keys[0]![0]], keys, MODULE);
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:uri:db_does_uri_exist: Error while querying database: ${result.error}`);
    return -4;
  }
  return result.rows.length > 0 ? 1 : -5;
}

/** db_get_auth_id's URI: a format, which 2.4 passes as written. */
function renderedUri(ctx: Ctx, arg: Arg): string | null {
  const text = textArg(arg);
  if (text === null) return null;
  const parsed = formatFromText(ctx.engine.modules, text);
  if (typeof parsed !== "string") return parsed.render(ctx);
  ctx.log(L_ERR, `ERROR:uri:db_get_auth_id: ${parsed}`);
  return null;
}

/** An output of db_get_auth_id: an AVP or script variable (set_result_pv), as an accessor or as written. */
function outputVariable(ctx: Ctx, arg: Arg): Pv | null {
  const given = pvArg(arg);
  if (given !== null) return given;
  const text = (textArg(arg) ?? "").trim();
  const parsed = /^\$(avp|var)\(/.test(text) ? pvFromSpec(ctx.engine.modules, text) : "only an AVP or a script variable can receive the result";
  if (typeof parsed !== "string") return parsed;
  ctx.log(L_ERR, `ERROR:uri:db_get_auth_id: bad output variable "${text}": ${parsed}`);
  return null;
}

function getAuthId(ctx: Ctx, uriText: string | null, authVar: Pv | null, realmVar: Pv | null): number {
  if (uriText === null || uriText === "") {
    ctx.log(L_WARN, "WARNING:uri:db_get_auth_id: cannot get string for value");
    return -1;
  }
  const uri = parseUri(uriText);
  if (uri === null || uri.user === null || authVar === null || realmVar === null) {
    ctx.log(L_ERR, `ERROR:uri:db_get_auth_id: First parameter must be a URI (val = '${uriText}').`);
    return -1;
  }
  const settings = settingsOf(ctx.engine.script);
  const result = selectWhere(ctx, settings.table, [settings.userColumn, settings.domainColumn], uriKeys(settings, uri), MODULE);
  return assignAuthId(ctx, "uri:db_get_auth_id", result, authVar, realmVar);
}

export const URI_DB_CHECK_FUNCTIONS: [string, FunctionImpl][] = [
  ["db_check_to", { call: (ctx) => checkUsername(ctx, ctx.msg.toUri, "db_check_to", "To") }],
  ["db_check_from", { call: (ctx) => checkUsername(ctx, ctx.msg.fromUri, "db_check_from", "From") }],
  ["db_does_uri_exist", { call: (ctx) => doesUriExist(ctx) }],
  ["db_get_auth_id", { call: (ctx, [uri, user, realm]) => getAuthId(ctx, renderedUri(ctx, uri), outputVariable(ctx, user), outputVariable(ctx, realm)) }],
];
