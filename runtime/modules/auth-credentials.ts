/**
 * Digest credentials of an Authorization / Proxy-Authorization header (RFC 2617 §3.2.2), parsed
 * as OpenSIPS's digest parser does: the `Digest` scheme, `name=value` pairs with quoted or token
 * values (quoted ones kept as written, unknown names ignored), and the username split at `@`
 * into user and domain.
 */
import { algorithmNamed, MD5, type DigestAlgorithm } from "./auth-digest.ts";

export type QopKind = "none" | "auth" | "auth-int" | "other";

export interface DigestCredentials {
  /** The whole `username` value; null when the parameter is missing. */
  readonly username: string | null;
  /** The username before `@` (all of it without `@`). */
  readonly user: string;
  /** The username after `@`; "" without `@`. */
  readonly domain: string;
  readonly realm: string | null;
  readonly nonce: string | null;
  readonly uri: string | null;
  readonly response: string | null;
  readonly cnonce: string | null;
  readonly opaque: string | null;
  readonly nc: string | null;
  /** The `algorithm` value as sent; null when absent (MD5). */
  readonly algorithmText: string | null;
  /** The algorithm to verify with; null when it is not supported. */
  readonly algorithm: DigestAlgorithm | null;
  /** The `qop` value as sent; null when absent. */
  readonly qopText: string | null;
  readonly qop: QopKind;
}

/** The parsed credentials; "other-scheme" for a non-Digest header; null when malformed. */
export function parseCredentials(value: string): DigestCredentials | "other-scheme" | null {
  const text = value.trim();
  const scheme = /^digest(?=\s)/i.exec(text);
  if (scheme === null) return /^digest$/i.test(text) ? null : "other-scheme";
  const params = parseParams(text.slice(scheme[0].length));
  if (params === null) return null;
  const username = params.get("username") ?? null;
  const at = username?.indexOf("@") ?? -1;
  const algorithmText = params.get("algorithm") ?? null;
  const qopText = params.get("qop") ?? null;
  return {
    username,
    user: username === null ? "" : at < 0 ? username : username.slice(0, at),
    domain: username === null || at < 0 ? "" : username.slice(at + 1),
    realm: params.get("realm") ?? null,
    nonce: params.get("nonce") ?? null,
    uri: params.get("uri") ?? null,
    response: params.get("response") ?? null,
    cnonce: params.get("cnonce") ?? null,
    opaque: params.get("opaque") ?? null,
    nc: params.get("nc") ?? null,
    algorithmText,
    algorithm: algorithmText === null ? MD5 : algorithmNamed(algorithmText),
    qopText,
    qop: qopKind(qopText),
  };
}

function qopKind(text: string | null): QopKind {
  if (text === null) return "none";
  const lower = text.toLowerCase();
  return lower === "auth" || lower === "auth-int" ? lower : "other";
}

/** check_dig_cred: the parameters every response needs (cnonce and nc too with qop). */
export function credentialsComplete(c: DigestCredentials): boolean {
  const base = c.username !== null && c.realm !== null && c.nonce !== null && c.uri !== null && c.response !== null;
  const needsCounters = c.qop === "auth" || c.qop === "auth-int";
  return base && (!needsCounters || (c.cnonce !== null && c.nc !== null));
}

/** One `name=value` item: a quoted value (backslash escapes kept) or a token, then `,` or the end. */
const PARAM = /\s*([^\s=,"]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,"]*))\s*(,|$)/y;

/** `name=value` pairs separated by commas; names lower-cased, the first occurrence kept. */
export function parseParams(text: string): Map<string, string> | null {
  const params = new Map<string, string>();
  const param = new RegExp(PARAM);
  while (param.lastIndex < text.length && text.slice(param.lastIndex).trim() !== "") {
    const match = param.exec(text);
    if (match === null) return null;
    const name = match[1]!.toLowerCase();
    if (!params.has(name)) params.set(name, match[2] ?? match[3]!.trim());
    if (match[4] === "") break;
  }
  return params;
}
