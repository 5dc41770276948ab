/**
 * The Authorization (401) or Proxy-Authorization (407) header answering a challenge (uac_auth's
 * do_uac_auth and build_authorization_hdr): the challenge's algorithm (MD5 when it names none);
 * HA1 from the password, or the password itself when it is `0x` and the HA1 in lower-case hex; with
 * qop, nc is always 00000001 and the cnonce is OpenSIPS's core_hash of the nonce in decimal. The
 * header lists username, realm, nonce, uri, [opaque], [qop, nc, cnonce], response and algorithm.
 */
import { expectedResponse, ha1FromPassword, MD5, sessionHa1, type DigestAlgorithm } from "./auth-digest.ts";
import { coreHash } from "../core-hash.ts";
import type { Challenge } from "./uac-auth-challenge.ts";
import type { UacCredential } from "./uac-auth-credentials.ts";

const NONCE_COUNT = "00000001";

export interface AnswerInput {
  /** The reply's status: 401 answers with Authorization, 407 with Proxy-Authorization. */
  readonly code: number;
  readonly method: string;
  /** The Request-URI of the branch that was challenged. */
  readonly uri: string;
  /** The request's body (qop auth-int hashes it). */
  readonly body: string;
  readonly challenge: Challenge;
  readonly credential: UacCredential;
}

function ha1Of(algorithm: DigestAlgorithm, credential: UacCredential): string {
  const { user, realm, password } = credential;
  const given = password.length === algorithm.hexLength + 2 && /^0x[0-9a-f]+$/.test(password);
  return given ? password.slice(2) : ha1FromPassword(algorithm, user, realm, password);
}

/** The cnonce OpenSIPS's uac_auth sends: core_hash(nonce) as a decimal. */
function clientNonce(nonce: string): string {
  return String(coreHash([nonce]));
}

/** The header line (CRLF included), or why it cannot be built. */
export function authorizationHeader(input: AnswerInput): { readonly header: string } | { readonly error: string } {
  const { challenge, credential } = input;
  const algorithm = challenge.algorithm ?? MD5;
  const qop = challenge.qop;
  if (algorithm.sess && qop === null) return { error: `the ${algorithm.name} algorithm needs a qop (OpenSIPS cannot compute it without one)` };
  const cnonce = qop === null ? "" : clientNonce(challenge.nonce);
  const ha1 = sessionHa1(algorithm, ha1Of(algorithm, credential), challenge.nonce, cnonce);
  const response = expectedResponse(algorithm, ha1, {
    method: input.method,
    uri: input.uri,
    nonce: challenge.nonce,
    qop,
    nc: NONCE_COUNT,
    cnonce,
    integrity: qop === "auth-int",
    body: input.body,
  });
  const name = input.code === 401 ? "Authorization" : "Proxy-Authorization";
  const opaque = challenge.opaque === null ? "" : `, opaque="${challenge.opaque}"`;
  const counters = qop === null ? "" : `, qop=${qop}, nc=${NONCE_COUNT}, cnonce="${cnonce}"`;
  const fields = `username="${credential.user}", realm="${credential.realm}", nonce="${challenge.nonce}", uri="${input.uri}"${opaque}${counters}`;
  return { header: `${name}: Digest ${fields}, response="${response}", algorithm=${algorithm.name}\r\n` };
}
