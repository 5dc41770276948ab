/**
 * alias_db (OpenSIPS 3.6): alias_db_lookup rewrites the Request-URI from an alias to the user's
 * `sip:username@domain`, alias_db_find does the same lookup on any URI into a variable. The table
 * is queried on every call (alias_db has no cache), keyed on the URI's user and host (host minus
 * `domain_prefix`). Flags: `d` keys on the user only, `r` looks the other way (user → alias).
 * When several rows match, the first is the result; with `append_branches` alias_db_find adds the
 * others to its AVP, while alias_db_lookup cannot add them as branches (the runtime has no branch
 * set) and logs that it left them out. Codes: 1 found, -1 not found or an error.
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, ModuleImpl } from "../functions.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import { intModParam, modParam } from "./modparams.ts";
import { moduleDbUrl, nameParam, selectRows } from "./sql-table.ts";

const MODULE = "alias_db";

interface Flags {
  readonly noDomain: boolean;
  readonly reverse: boolean;
}

function flagsOf(text: string | null): Flags | string {
  let noDomain = false;
  let reverse = false;
  for (const flag of text ?? "") {
    if (flag === "d" || flag === "D") noDomain = true;
    else if (flag === "r" || flag === "R") reverse = true;
    else return `unsupported flag '${flag}'`;
  }
  return { noDomain, reverse };
}

/** The host as the table keys it: without `domain_prefix` when it starts with it. */
function keyHost(ctx: Ctx, host: string): string {
  const prefix = String(modParam(ctx.engine.script, MODULE, "domain_prefix") ?? "");
  return prefix !== "" && prefix.length < host.length && host.toLowerCase().startsWith(prefix.toLowerCase()) ? host.slice(prefix.length) : host;
}

/** The URIs `uri` maps to in `table` (empty when none); null after logging an error. */
function aliasesOf(ctx: Ctx, name: string, table: string | null, uri: SipUri, flags: Flags): string[] | null {
  const engine = ctx.engine;
  const url = moduleDbUrl(engine, MODULE);
  if (table === null || url === null) {
    ctx.log(L_ERR, `ERROR:alias_db:${name}: ${table === null ? "no table name" : "no db_url"}`);
    return null;
  }
  const user = nameParam(engine, MODULE, "user_column", "username");
  const domain = nameParam(engine, MODULE, "domain_column", "domain");
  const aliasUser = nameParam(engine, MODULE, "alias_user_column", "alias_username");
  const aliasDomain = nameParam(engine, MODULE, "alias_domain_column", "alias_domain");
  const [keyUser, keyDomain, wantedUser, wantedDomain] = flags.reverse ? [user, domain, aliasUser, aliasDomain] : [aliasUser, aliasDomain, user, domain];
  const keys: [string, string][] = [[keyUser, uri.user ?? ""]];
  if (!flags.noDomain) keys.push([keyDomain, keyHost(ctx, uri.host)]);
  const result = selectRows(engine, url, table, [wantedUser, wantedDomain], keys);
  if (!result.ok) {
    ctx.log(L_ERR, `ERROR:alias_db:${name}: failed to query database: ${result.error}`);
    return null;
  }
  if (result.rows[0]?.[0] === null) return [];
  return result.rows.map(([u, d]) => `sip:${u ?? ""}@${d ?? ""}`);
}

/** The aliases of `uriText`, or a failure code after logging why. */
function lookup(ctx: Ctx, name: string, table: Arg, uriText: string | null, flagsArg: Arg): string[] | number {
  const flags = flagsOf(textArg(flagsArg));
  const uri = uriText === null ? null : parseUri(uriText);
  if (typeof flags === "string" || uri === null) {
    ctx.log(L_ERR, `ERROR:alias_db:${name}: ${typeof flags === "string" ? flags : `failed to parse uri ${uriText ?? ""}`}`);
    return -1;
  }
  const aliases = aliasesOf(ctx, name, textArg(table), uri, flags);
  return aliases === null || aliases.length === 0 ? -1 : aliases;
}

function appendBranches(ctx: Ctx): boolean {
  return intModParam(ctx.engine.script, MODULE, "append_branches", 0) !== 0;
}

function aliasDbLookup(ctx: Ctx, [table, flags]: readonly Arg[]): number {
  const aliases = lookup(ctx, "alias_db_lookup", table, ctx.msg.ruri, flags);
  if (typeof aliases === "number") return aliases;
  if (!ctx.msg.setRuri(aliases[0]!)) {
    ctx.log(L_ERR, `ERROR:alias_db:alias_db_lookup: cannot replace the R-URI with ${aliases[0]}`);
    return -1;
  }
  if (appendBranches(ctx) && aliases.length > 1) {
    ctx.log(L_WARN, `WARNING:alias_db:alias_db_lookup: append_branches: ${aliases.length - 1} more alias(es) not added as branches (not supported)`);
  }
  return 1;
}

function aliasDbFind(ctx: Ctx, [table, input, output, flags]: readonly Arg[]): number {
  const pv = pvArg(output);
  if (pv === null) {
    ctx.log(L_ERR, "ERROR:alias_db:alias_db_find: no output variable");
    return -1;
  }
  const aliases = lookup(ctx, "alias_db_find", table, textArg(input), flags);
  if (typeof aliases === "number") return aliases;
  const kept = appendBranches(ctx) ? aliases : aliases.slice(0, 1);
  kept.forEach((alias, i) => pv.assign(ctx, i === 0 ? ":=" : "=", alias));
  return 1;
}

export const aliasDb: ModuleImpl = {
  name: MODULE,
  functions: new Map([
    ["alias_db_lookup", { call: aliasDbLookup }],
    ["alias_db_find", { call: aliasDbFind }],
  ]),
};
