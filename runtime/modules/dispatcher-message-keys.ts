/**
 * What the hashing algorithms hash (dispatch.c `ds_hash_*`): the Call-ID (0), the From URI (1),
 * the To URI (2), the R-URI (3) — `user` + `host[:port]`, or the user only with the 'u' flag —,
 * the digest username of the Proxy-Authorization (else Authorization) header (5), and the
 * trimmed `hash_pvar` format (7). Each gives the hash, or an error text; the username hash also
 * "none" when there are no credentials (the algorithm then falls back to round robin).
 */
import type { Ctx } from "../ctx.ts";
import type { Format } from "../format.ts";
import type { SipUri } from "../sip/uri.ts";
import { dsHash, uriHashKeys } from "./dispatcher-hash.ts";

export type HashOutcome = number | string;

function uriHash(uri: SipUri | null, userOnly: boolean, what: string): HashOutcome {
  const keys = uri === null ? null : uriHashKeys(uri, userOnly);
  return keys === null ? `can't get ${what} hash` : dsHash(keys);
}

export function callIdHash(ctx: Ctx): HashOutcome {
  const callId = ctx.msg.callId?.trim();
  return callId === undefined ? "can't get callid hash" : dsHash([callId]);
}

export function fromUriHash(ctx: Ctx, userOnly: boolean): HashOutcome {
  return uriHash(ctx.msg.fromUri, userOnly, "From uri");
}

export function toUriHash(ctx: Ctx, userOnly: boolean): HashOutcome {
  return uriHash(ctx.msg.toUri, userOnly, "To uri");
}

export function ruriHash(ctx: Ctx, userOnly: boolean): HashOutcome {
  return uriHash(ctx.msg.parsedRuri, userOnly, "ruri");
}

const DIGEST = /^\s*digest\s+/i;
const USERNAME = /(?:^|,)\s*username\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/i;

/** The user part of a Digest credentials' username (before any `@`); null when the header holds none. */
function digestUser(value: string | null): string | null {
  if (value === null || !DIGEST.test(value)) return null;
  const match = USERNAME.exec(value.replace(DIGEST, ""));
  if (match === null) return null;
  const username = (match[1] ?? match[2] ?? "").trim();
  const at = username.indexOf("@");
  return at < 0 ? username : username.slice(0, at);
}

export function authUserHash(ctx: Ctx): HashOutcome | "none" {
  const user = digestUser(ctx.msg.header("proxy-authorization")) ?? digestUser(ctx.msg.header("authorization"));
  return user === null || user === "" ? "none" : dsHash([user]);
}

export function formatHash(ctx: Ctx, hashFormat: Format | null): HashOutcome {
  if (hashFormat === null) return "can't get PV hash: hash_pvar is not set";
  const text = hashFormat.render(ctx).trim();
  return text === "" ? "can't get PV hash: the string is empty" : dsHash([text]);
}
