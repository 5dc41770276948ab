/**
 * What every digest check shares (auth's api.c): pre_auth finds the credentials for the realm,
 * checks they are complete, marks them and verifies the nonce; check_response compares the
 * response with the one the stored HA1 gives. Return codes are OpenSIPS's auth_result_t.
 */
import type { Ctx } from "../ctx.ts";
import { L_DBG, L_ERR } from "../log-level.ts";
import { headerKey } from "../sip/header-names.ts";
import { credentialsComplete, parseCredentials, type DigestCredentials, type QopKind } from "./auth-credentials.ts";
import { expectedResponse, sessionHa1, type DigestAlgorithm } from "./auth-digest.ts";
import { markCredentials, type CredentialsHeader, type MarkedCredentials } from "./auth-marks.ts";
import { isStale, openNonce } from "./auth-nonce.ts";
import { authSettings } from "./auth-settings.ts";
import { signaling } from "./signaling.ts";

/** A generic error; no reply was sent. */
export const AUTH_ERROR = -5;
export const NO_CREDENTIALS = -4;
export const STALE_NONCE = -3;
export const INVALID_PASSWORD = -2;
export const USER_UNKNOWN = -1;
/** An error reply was sent: the script stops. */
export const REPLIED = 0;
export const AUTHORIZED = 1;

export const SERVER_ERROR_REASON = "Server Internal Error";

/** Credentials whose nonce is fine, ready for the password check. */
export interface Verifiable {
  readonly code: null;
  readonly realm: string;
  readonly marked: MarkedCredentials;
  readonly algorithm: DigestAlgorithm;
}

/** Credentials ready for the password check, or the code to return at once. */
export type PreAuth = { readonly code: number } | Verifiable;

/** The nonce's qop (0 none, 1 auth, 2 auth-int, 3 both) each response qop goes with. */
const QOP_CODES: Readonly<Record<QopKind, number>> = { none: 0, auth: 1, "auth-int": 2, other: 4 };

/** sigb.reply: statefully when the request has a transaction, else statelessly. */
export function sendAuthReply(ctx: Ctx, code: number, reason: string): void {
  signaling.functions.get("send_reply")?.call(ctx, [code, reason]);
}

/**
 * The realm the script gives or, when it gives "", the To host for a REGISTER checked with
 * Authorization (it names the user being registered), else the From host; `realm_prefix` stripped.
 */
export function realmOf(ctx: Ctx, given: string | null, header: CredentialsHeader): string | null {
  if (given !== null && given !== "") return given;
  const uri = ctx.msg.method === "REGISTER" && header === "authorization" ? ctx.msg.toUri : ctx.msg.fromUri;
  if (uri === null || uri.host === "") return null;
  const prefix = authSettings(ctx.engine).realmPrefix;
  return prefix !== "" && uri.host.startsWith(prefix) ? uri.host.slice(prefix.length) : uri.host;
}

export function preAuth(ctx: Ctx, realmArg: string | null, header: CredentialsHeader): PreAuth {
  const method = ctx.msg.method;
  if (method === "ACK" || method === "CANCEL") return { code: AUTHORIZED };
  const realm = realmOf(ctx, realmArg, header);
  if (realm === null) {
    ctx.log(L_ERR, "ERROR:auth:pre_auth: failed to extract realm");
    return replied(ctx, 400, "Bad Request");
  }
  const found = findCredentials(ctx, realm, header);
  if (found === "malformed") {
    ctx.log(L_ERR, "ERROR:auth:find_credentials: failed to parse credentials");
    return replied(ctx, 500, SERVER_ERROR_REASON);
  }
  if (found === null) return { code: NO_CREDENTIALS };
  const { algorithm, ...marked } = found;
  if (!credentialsComplete(marked.credentials)) return replied(ctx, 400, "Bad Request");
  markCredentials(ctx.state, header, marked);
  if (!nonceAccepted(ctx, marked.credentials, algorithm)) {
    ctx.log(L_DBG, "DBG:auth:pre_auth: stale nonce value received");
    marked.stale = true;
    return { code: STALE_NONCE };
  }
  return { code: null, realm, marked, algorithm };
}

function replied(ctx: Ctx, code: number, reason: string): PreAuth {
  sendAuthReply(ctx, code, reason);
  return { code: REPLIED };
}

type Found = MarkedCredentials & { readonly algorithm: DigestAlgorithm };

/** The first header of that kind with Digest credentials for the realm and a supported algorithm. */
function findCredentials(ctx: Ctx, realm: string, header: CredentialsHeader): Found | "malformed" | null {
  const key = headerKey(header);
  for (const field of ctx.msg.headerFields) {
    if (!field.is(key)) continue;
    const credentials = parseCredentials(field.value);
    if (credentials === null) return "malformed";
    if (credentials === "other-scheme" || credentials.algorithm === null) continue;
    if (credentials.realm?.toLowerCase() === realm.toLowerCase()) return { field, credentials, algorithm: credentials.algorithm, stale: false };
  }
  return null;
}

/**
 * A nonce we issued, for this algorithm and qop, not expired, and answered for the first time.
 * qop: equal, or a nonce offering both for auth/auth-int, or no qop for an `auth` nonce (RFC 8760:
 * a missing qop means auth).
 */
function nonceAccepted(ctx: Ctx, credentials: DigestCredentials, algorithm: DigestAlgorithm): boolean {
  const settings = authSettings(ctx.engine);
  const params = openNonce(settings.key, credentials.nonce ?? "");
  if (params === null || params.alg !== algorithm.id) return false;
  const qop = QOP_CODES[credentials.qop];
  const qopMatches = params.qop === qop || (params.qop === 3 && (qop === 1 || qop === 2)) || (params.qop === 1 && qop === 0);
  if (!qopMatches || isStale(params, ctx.engine.env.now(), settings.nonceExpire)) return false;
  return settings.useIndex(params.index);
}

/** check_response: the response the client sent is the one `ha1` (before any -sess step) gives. */
export function responseMatches(ctx: Ctx, credentials: DigestCredentials, algorithm: DigestAlgorithm, ha1: string): boolean {
  const response = credentials.response ?? "";
  if (response.length !== algorithm.hexLength) return false;
  const nonce = credentials.nonce ?? "";
  const cnonce = credentials.cnonce ?? "";
  const expected = expectedResponse(algorithm, sessionHa1(algorithm, ha1, nonce, cnonce), {
    method: ctx.msg.method ?? "",
    uri: credentials.uri ?? "",
    nonce,
    qop: credentials.qop === "none" ? null : credentials.qopText,
    nc: credentials.nc ?? "",
    cnonce,
    integrity: credentials.qop === "auth-int",
    body: ctx.msg.body,
  });
  return expected === response.toLowerCase();
}
