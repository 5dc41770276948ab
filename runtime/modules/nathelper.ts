/**
 * nathelper: detecting and fixing clients behind NAT. nat_uac_test(flags) runs the tests the
 * flags select (1 private Contact, 2 Via host is not the source, 4 private top Via, 8 private SDP
 * address, 16 Via port is not the source port, 32 Contact host is not the source, 64 Contact port
 * is not the source port) and is true when one is positive. fix_nated_contact() and add_rcv_param()
 * rewrite the first Contact, fix_nated_sdp(2|8) the SDP addresses, as pending changes.
 * fix_nated_register() is accepted as is: registrar always remembers where a REGISTER came from.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { ipInNetwork } from "../ip.ts";
import { formatNameAddr, parseNameAddr } from "../sip/name-addr.ts";
import { splitHeaderList } from "../sip/scan.ts";
import { formatUri, parseUri } from "../sip/uri.ts";
import { replaceFirstHeader } from "./header-rewrite.ts";

const PRIVATE_NETWORKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

function isPrivate(host: string): boolean {
  return PRIVATE_NETWORKS.some((net) => ipInNetwork(host.replace(/^\[|\]$/g, ""), net) === true);
}

function firstContactUri(ctx: Ctx): { host: string; port: number } | null {
  const contacts = ctx.msg.contacts;
  const first = contacts === null || contacts === "*" ? undefined : contacts[0];
  const uri = first === undefined ? null : parseUri(first.uri);
  return uri === null ? null : { host: uri.host, port: uri.port ?? 5060 };
}

/** The SDP connection and origin addresses. */
function sdpAddresses(body: string): string[] {
  return [...body.matchAll(/^(?:c|o)=.*IN IP[46] ([^\s]+)\s*$/gm)].map((m) => m[1]!);
}

const TESTS: readonly [number, (ctx: Ctx) => boolean][] = [
  [1, (ctx) => isPrivate(firstContactUri(ctx)?.host ?? "")],
  [2, (ctx) => ctx.msg.topVia !== null && ctx.msg.topVia.host !== ctx.source.ip],
  [4, (ctx) => isPrivate(ctx.msg.topVia?.host ?? "")],
  [8, (ctx) => sdpAddresses(ctx.msg.body).some(isPrivate)],
  [16, (ctx) => ctx.msg.topVia !== null && (ctx.msg.topVia.port ?? 5060) !== ctx.source.port],
  [32, (ctx) => { const c = firstContactUri(ctx); return c !== null && c.host !== ctx.source.ip; }],
  [64, (ctx) => { const c = firstContactUri(ctx); return c !== null && c.port !== ctx.source.port; }],
];

function natUacTest(ctx: Ctx, flags: number | null): number {
  if (flags === null) return -1;
  return TESTS.some(([bit, test]) => (flags & bit) !== 0 && test(ctx)) ? 1 : -1;
}

/** Rewrites the URI (and maybe adds a `received` param) of the first Contact; -1 when there is none. */
function rewriteContact(ctx: Ctx, change: (uri: string) => { uri: string; received?: string }): number {
  const value = ctx.msg.header("contact");
  const elements = value === null ? [] : splitHeaderList(value);
  const contact = elements.length === 0 ? null : parseNameAddr(elements[0]!);
  if (contact === null) return -1;
  const changed = change(contact.uri);
  const params = changed.received === undefined ? contact.params : [...contact.params, { name: "received", value: changed.received }];
  const first = formatNameAddr({ ...contact, uri: changed.uri, params });
  return replaceFirstHeader(ctx.msg, "contact", [first, ...elements.slice(1)].join(", ")) ? 1 : -1;
}

function fixNatedContact(ctx: Ctx): number {
  return rewriteContact(ctx, (uriText) => {
    const uri = parseUri(uriText);
    return { uri: uri === null ? uriText : formatUri({ ...uri, host: ctx.source.ip, port: ctx.source.port }) };
  });
}

/** add_rcv_param(): `;received="sip:ip:port"` on the Contact (inside the URI with flag 1). */
function addReceivedParam(ctx: Ctx, inUri: boolean): number {
  const received = `sip:${ctx.source.ip}:${ctx.source.port}`;
  return rewriteContact(ctx, (uriText) => {
    const uri = parseUri(uriText);
    if (!inUri || uri === null) return { uri: uriText, received: `"${received}"` };
    return { uri: formatUri({ ...uri, params: [...uri.params, { name: "received", value: received }] }) };
  });
}

/** fix_nated_sdp(flags[, ip]): 2 rewrites the c= addresses, 8 the o= address, to the source (or `ip`). */
function fixNatedSdp(ctx: Ctx, flags: number | null, ip: string | null): number {
  const body = ctx.msg.outgoingBody;
  if (flags === null || body === "") return -1;
  const address = ip ?? ctx.source.ip;
  let changed = body;
  if ((flags & 2) !== 0) changed = changed.replace(/^(c=IN IP[46] )[^\s]+/gm, `$1${address}`);
  if ((flags & 8) !== 0) changed = changed.replace(/^(o=.* IN IP[46] )[^\s]+/gm, `$1${address}`);
  if (changed !== body) ctx.msg.setBody(changed);
  return 1;
}

export const nathelper: ModuleImpl = {
  name: "nathelper",
  functions: new Map<string, FunctionImpl>([
    ["nat_uac_test", { call: (ctx, [flags]) => natUacTest(ctx, intArg(flags)) }],
    ["fix_nated_contact", { call: (ctx) => fixNatedContact(ctx) }],
    ["fix_nated_register", { call: (ctx) => (ctx.msg.method === "REGISTER" ? 1 : -1) }],
    ["add_rcv_param", { call: (ctx, [flag]) => addReceivedParam(ctx, intArg(flag) === 1) }],
    ["fix_nated_sdp", { call: (ctx, [flags, ip]) => fixNatedSdp(ctx, intArg(flags), textArg(ip)) }],
  ]),
};
