/**
 * Digest computations (RFC 2617, RFC 8760) for the algorithms OpenSIPS 3.6 supports: MD5,
 * SHA-256, SHA-512-256 and their `-sess` forms. Hashes are lower-case hex, as OpenSIPS writes them.
 */
import { createHash } from "node:crypto";

export interface DigestAlgorithm {
  /** OpenSIPS's alg_t number (ALG_MD5 = 1 … ALG_SHA512_256SESS = 6), kept inside nonces. */
  readonly id: number;
  /** The canonical `algorithm=` value. */
  readonly name: string;
  /** Node's name for the hash function. */
  readonly hash: string;
  /** A `-sess` form: HA1 also covers the nonce and cnonce. */
  readonly sess: boolean;
  readonly hexLength: number;
}

export const MD5: DigestAlgorithm = { id: 1, name: "MD5", hash: "md5", sess: false, hexLength: 32 };

/** Every supported algorithm, weakest first. */
export const ALGORITHMS: readonly DigestAlgorithm[] = [
  MD5,
  { id: 2, name: "MD5-sess", hash: "md5", sess: true, hexLength: 32 },
  { id: 3, name: "SHA-256", hash: "sha256", sess: false, hexLength: 64 },
  { id: 4, name: "SHA-256-sess", hash: "sha256", sess: true, hexLength: 64 },
  { id: 5, name: "SHA-512-256", hash: "sha512-256", sess: false, hexLength: 64 },
  { id: 6, name: "SHA-512-256-sess", hash: "sha512-256", sess: true, hexLength: 64 },
];

/** The algorithm an `algorithm=` value names (case-insensitive); null when unsupported. */
export function algorithmNamed(name: string): DigestAlgorithm | null {
  const wanted = name.toLowerCase();
  return ALGORITHMS.find((a) => a.name.toLowerCase() === wanted) ?? null;
}

function hashHex(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm.hash).update(text, "utf8").digest("hex");
}

/** H(user:realm:password): what a subscriber table keeps in its ha1 columns. */
export function ha1FromPassword(algorithm: DigestAlgorithm, user: string, realm: string, password: string): string {
  return hashHex(algorithm, `${user}:${realm}:${password}`);
}

/** The HA1 a response is computed with: for `-sess`, H(HA1:nonce:cnonce). */
export function sessionHa1(algorithm: DigestAlgorithm, ha1: string, nonce: string, cnonce: string): string {
  return algorithm.sess ? hashHex(algorithm, `${ha1.toLowerCase()}:${nonce}:${cnonce}`) : ha1.toLowerCase();
}

export interface ResponseInput {
  readonly method: string;
  readonly uri: string;
  readonly nonce: string;
  /** The `qop` value as the client sent it; null without qop. */
  readonly qop: string | null;
  readonly nc: string;
  readonly cnonce: string;
  /** qop=auth-int: the body's hash is part of HA2. */
  readonly integrity: boolean;
  readonly body: string;
}

/** The response a client knowing `ha1` (already the session HA1) must send. */
export function expectedResponse(algorithm: DigestAlgorithm, ha1: string, input: ResponseInput): string {
  const a2 = input.integrity ? `${input.method}:${input.uri}:${hashHex(algorithm, input.body)}` : `${input.method}:${input.uri}`;
  const ha2 = hashHex(algorithm, a2);
  const middle = input.qop === null ? input.nonce : `${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}`;
  return hashHex(algorithm, `${ha1}:${middle}:${ha2}`);
}
