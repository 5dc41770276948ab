/**
 * The credentials pseudo-variables (core PVs in OpenSIPS's pvar.c): `$au $aU $ad $ar $adu $an`
 * and `$auth.nonce|resp|cnonce|opaque|alg|qop|nc` read the first Proxy-Authorization header, else
 * the first Authorization header (NULL for ACK/CANCEL, without such a header, or for an empty
 * field); `$Au` is the accounting user: `user@realm` of the authorized credentials, else the From
 * URI's `user@host`.
 */
import type { Ctx } from "../ctx.ts";
import { readOnlyPv, type Pv, type PvName } from "../pv-types.ts";
import type { Value } from "../value.ts";
import { parseCredentials, type DigestCredentials } from "./auth-credentials.ts";
import { anyMarkedCredentials } from "./auth-marks.ts";

type Field = (c: DigestCredentials) => string | null;

const FIELDS: readonly [string, Field][] = [
  ["au", (c) => c.user],
  ["aU", (c) => c.username],
  ["ad", (c) => c.domain],
  ["ar", (c) => c.realm],
  ["adu", (c) => c.uri],
  ["an", (c) => c.nonce],
  ["auth.nonce", (c) => c.nonce],
  ["auth.resp", (c) => c.response],
  ["auth.cnonce", (c) => c.cnonce],
  ["auth.opaque", (c) => c.opaque],
  ["auth.alg", (c) => c.algorithmText],
  ["auth.qop", (c) => c.qopText],
  ["auth.nc", (c) => c.nc],
];

function messageCredentials(ctx: Ctx): DigestCredentials | null {
  const method = ctx.msg.method;
  if (method === "ACK" || method === "CANCEL") return null;
  const value = ctx.msg.header("proxy-authorization") ?? ctx.msg.header("authorization");
  const parsed = value === null ? null : parseCredentials(value);
  return parsed === null || parsed === "other-scheme" ? null : parsed;
}

function credentialsPv(name: string, field: Field): Pv {
  return readOnlyPv(`$${name}`, (ctx): Value => {
    const credentials = messageCredentials(ctx);
    const value = credentials === null ? null : field(credentials);
    return value === null || value === "" ? null : value;
  });
}

function accountingUser(ctx: Ctx): Value {
  const credentials = anyMarkedCredentials(ctx.state, "proxy-authorization")?.credentials;
  if (credentials !== undefined && credentials.user !== "") {
    const realm = credentials.domain !== "" ? credentials.domain : (credentials.realm ?? "");
    return realm === "" ? credentials.user : `${credentials.user}@${realm}`;
  }
  const from = ctx.msg.fromUri;
  return from === null ? null : `${from.user ?? ""}@${from.host}`;
}

export const AUTH_PVS: ReadonlyMap<string, (arg: PvName | null) => Pv> = new Map<string, (arg: PvName | null) => Pv>([
  ...FIELDS.map(([name, field]): [string, (arg: PvName | null) => Pv] => [name, () => credentialsPv(name, field)]),
  ["Au", () => readOnlyPv("$Au", accountingUser)],
]);
