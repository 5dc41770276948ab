/**
 * www_challenge / proxy_challenge (auth's challenge.c): a 401 / 407 reply carrying one
 * WWW-/Proxy-Authenticate header per offered algorithm (strongest first), each with a fresh
 * nonce, the qop offered and `stale=true` when the credentials just checked had a stale nonce.
 * Both return 0 once the reply is sent, so the script stops. consume_credentials removes the
 * authorized credentials from what is relayed.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { ALGORITHMS, algorithmNamed, MD5, type DigestAlgorithm } from "./auth-digest.ts";
import { anyMarkedCredentials, markedCredentials, type CredentialsHeader } from "./auth-marks.ts";
import { createNonce } from "./auth-nonce.ts";
import { authSettings } from "./auth-settings.ts";
import { realmOf, REPLIED, sendAuthReply } from "./auth-verify.ts";
import { addReplyHeaders } from "./reply-lumps.ts";

interface ChallengeKind {
  readonly code: number;
  readonly reason: string;
  readonly headerName: string;
  readonly credentials: CredentialsHeader;
}

const WWW: ChallengeKind = { code: 401, reason: "Unauthorized", headerName: "WWW-Authenticate", credentials: "authorization" };
const PROXY: ChallengeKind = { code: 407, reason: "Proxy Authentication Required", headerName: "Proxy-Authenticate", credentials: "proxy-authorization" };

interface Qop {
  /** As kept in the nonce: 0 none, 1 auth, 2 auth-int, 3 both. */
  readonly code: number;
  /** The `qop` parameter value; null for none. */
  readonly text: string | null;
}

const NO_QOP: Qop = { code: 0, text: null };
const AUTH_QOP: Qop = { code: 1, text: "auth" };

/**
 * The qop list ("auth", "auth-int" or both, case-sensitive). OpenSIPS 3.6 writes a two-item
 * list reversed: "auth,auth-int" is offered as qop="auth-int,auth" and vice versa.
 */
function parseQop(text: string | null): Qop | string {
  if (text === null) return NO_QOP;
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item !== "auth" && item !== "auth-int")) return `Bad qop type "${text}"`;
  const unique = [...new Set(items)];
  if (unique.length === 2) return { code: 3, text: [...unique].reverse().join(",") };
  return { code: unique[0] === "auth" ? 1 : 2, text: unique[0]! };
}

/** The offered algorithms, strongest first; null when the script named none (MD5, unnamed). */
function parseAlgorithms(text: string | null): DigestAlgorithm[] | null | string {
  if (text === null) return null;
  const wanted = new Set<DigestAlgorithm>();
  for (const name of text.split(",").map((item) => item.trim())) {
    const algorithm = algorithmNamed(name);
    if (algorithm === null) return `unsupported digest algorithm "${name}"`;
    wanted.add(algorithm);
  }
  return ALGORITHMS.filter((a) => wanted.has(a)).reverse();
}

function challenge(kind: ChallengeKind, functionName: string): FunctionImpl {
  return {
    call: (ctx, [realmArg, qopArg, algorithmsArg]) => {
      const asked = parseQop(textArg(qopArg));
      const algorithms = parseAlgorithms(textArg(algorithmsArg));
      if (typeof asked === "string" || typeof algorithms === "string") {
        ctx.log(L_ERR, `ERROR:auth:${functionName}: ${typeof asked === "string" ? asked : algorithms}`);
        return -1;
      }
      const realm = realmOf(ctx, textArg(realmArg), kind.credentials);
      if (realm === null) {
        ctx.log(L_ERR, `ERROR:auth:${functionName}: failed to extract URI`);
        sendAuthReply(ctx, 400, "Bad Request");
        return REPLIED;
      }
      // RFC 8760 algorithms and -sess need qop; OpenSIPS adds auth whenever algorithms are named.
      const qop = algorithms !== null && asked.code === 0 ? AUTH_QOP : asked;
      addReplyHeaders(ctx.state, challengeHeaders(ctx, kind, realm, qop, algorithms));
      sendAuthReply(ctx, kind.code, kind.reason);
      return REPLIED;
    },
  };
}

function challengeHeaders(ctx: Ctx, kind: ChallengeKind, realm: string, qop: Qop, algorithms: DigestAlgorithm[] | null): string {
  const settings = authSettings(ctx.engine);
  const now = ctx.engine.env.now();
  const expiresMs = now + settings.nonceExpire * 1000;
  const index = settings.reserveIndex(now, expiresMs);
  const stale = markedCredentials(ctx.state, kind.credentials)?.stale === true;
  const header = (algorithm: DigestAlgorithm, named: boolean): string => {
    const nonce = createNonce(settings.key, { expiresUs: expiresMs * 1000, index, qop: qop.code, alg: algorithm.id });
    const qopParam = qop.text === null ? "" : `, qop="${qop.text}"`;
    const staleParam = stale ? ", stale=true" : "";
    const algorithmParam = named ? `, algorithm=${algorithm.name}` : "";
    return `${kind.headerName}: Digest realm="${realm}", nonce="${nonce}"${qopParam}${staleParam}${algorithmParam}\r\n`;
  };
  return algorithms === null ? header(MD5, false) : algorithms.map((a) => header(a, true)).join("");
}

/** Removes the authorized Authorization (else Proxy-Authorization) header from the request. */
function consumeCredentials(ctx: Ctx): number {
  const marked = anyMarkedCredentials(ctx.state, "authorization");
  if (marked === null) {
    const method = ctx.msg.method;
    if (method !== "ACK" && method !== "CANCEL") ctx.log(L_ERR, "ERROR:auth:consume_credentials: no authorized credentials found (error in scripts)");
    return -1;
  }
  return ctx.msg.removeHeadersWhere((field) => field === marked.field) > 0 ? 1 : -1;
}

export const CHALLENGE_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["www_challenge", challenge(WWW, "www_challenge")],
  ["proxy_challenge", challenge(PROXY, "proxy_challenge")],
  ["consume_credentials", { call: consumeCredentials }],
]);
