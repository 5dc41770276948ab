/**
 * domain (OpenSIPS 3.6): is_from_local, is_uri_host_local and is_domain_local tell whether a host
 * is one of the local domains of the domain table (domain-table.ts); the optional variable gets
 * the entry's attrs column (left alone when the entry has none). Codes: 1 local, -1 not local,
 * -2 no parsable From URI, -3 the table cannot be read. Entries of the domain table do not count
 * as `myself` aliases here (OpenSIPS registers them with the core).
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { parseUri } from "../sip/uri.ts";
import { lookupDomain } from "./domain-table.ts";

function checkHost(ctx: Ctx, host: string, attrs: Arg): number {
  const { code, attrs: value } = lookupDomain(ctx, host);
  const pv = pvArg(attrs);
  if (code > 0 && value !== null) pv?.assign(ctx, "=", value);
  return code;
}

function hostOf(uriText: string | null | undefined): string | null {
  return uriText === null || uriText === undefined ? null : (parseUri(uriText)?.host ?? null);
}

function isFromLocal(ctx: Ctx, [attrs]: readonly Arg[]): number {
  const host = hostOf(ctx.msg.from?.uri);
  if (host === null) {
    ctx.log(L_ERR, "ERROR:domain:is_from_local: Error while parsing From header");
    return -2;
  }
  return checkHost(ctx, host, attrs);
}

function isUriHostLocal(ctx: Ctx, [attrs]: readonly Arg[]): number {
  const host = hostOf(ctx.msg.ruri);
  if (host === null) {
    ctx.log(L_ERR, "ERROR:domain:is_uri_host_local: Error while parsing R-URI");
    return -1;
  }
  return checkHost(ctx, host, attrs);
}

export const domain: ModuleImpl = {
  name: "domain",
  functions: new Map([
    ["is_from_local", { call: isFromLocal }],
    ["is_uri_host_local", { call: isUriHostLocal }],
    ["is_domain_local", { call: (ctx, [host, attrs]) => checkHost(ctx, textArg(host) ?? "", attrs) }],
  ]),
};
