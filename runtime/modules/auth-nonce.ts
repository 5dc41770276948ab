/**
 * Nonces as OpenSIPS 3.x builds them (lib/digest_auth/dauth_nonce.c): 16 random bytes R, then
 * the payload XOR R (index: int32; then a 64-bit word packing qop:2, alg:3, expires seconds:34,
 * expires microseconds:20; zero padding), the 32 bytes encrypted with AES-256-ECB under the
 * secret, a NUL byte appended, base64: 44 characters. Only the holder of the secret can make or
 * read one, so a nonce proves when it was issued, for which algorithm and qop, and its index
 * (the one-time-use slot). A `secret` modparam of exactly 32 bytes is the key, as in OpenSIPS;
 * any other length is hashed to one with SHA-256 (OpenSIPS requires 32).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const NONCE_LENGTH = 44;
const BLOCK = 32;
const HALF = BLOCK / 2;
const PAYLOAD = 12;

export interface NonceParams {
  /** Expiry, microseconds since the epoch. */
  readonly expiresUs: number;
  readonly index: number;
  /** 0 none, 1 auth, 2 auth-int, 3 both. */
  readonly qop: number;
  /** The algorithm id (auth-digest.ts). */
  readonly alg: number;
}

export function nonceKey(secret: string | null): Buffer {
  if (secret === null) return randomBytes(BLOCK);
  const bytes = Buffer.from(secret, "utf8");
  return bytes.length === BLOCK ? bytes : createHash("sha256").update(bytes).digest();
}

export function createNonce(key: Buffer, params: NonceParams): string {
  const block = Buffer.alloc(BLOCK);
  randomBytes(HALF).copy(block, 0);
  const seconds = BigInt(Math.floor(params.expiresUs / 1e6));
  const micros = BigInt(Math.floor(params.expiresUs % 1e6));
  const word = BigInt(params.qop & 3) | (BigInt(params.alg & 7) << 2n) | (seconds << 5n) | (micros << 39n);
  block.writeInt32LE(params.index, HALF);
  block.writeBigUInt64LE(word & 0xffff_ffff_ffff_ffffn, HALF + 4);
  xorHalves(block);
  const cipher = createCipheriv("aes-256-ecb", key, null).setAutoPadding(false);
  const encrypted = Buffer.concat([cipher.update(block), cipher.final(), Buffer.of(0)]);
  return encrypted.toString("base64");
}

/** The parameters inside a nonce; null when it is not one this key made. */
export function openNonce(key: Buffer, nonce: string): NonceParams | null {
  if (nonce.length !== NONCE_LENGTH || !/^[A-Za-z0-9+/]+={0,2}$/.test(nonce)) return null;
  const bytes = Buffer.from(nonce, "base64");
  if (bytes.length !== BLOCK + 1 || bytes[BLOCK] !== 0) return null;
  const decipher = createDecipheriv("aes-256-ecb", key, null).setAutoPadding(false);
  const block = Buffer.concat([decipher.update(bytes.subarray(0, BLOCK)), decipher.final()]);
  xorHalves(block);
  if (block.subarray(HALF + PAYLOAD).some((b) => b !== 0)) return null;
  const word = block.readBigUInt64LE(HALF + 4);
  const micros = Number((word >> 39n) & 0xfffffn);
  if (micros >= 1e6) return null;
  return {
    index: block.readInt32LE(HALF),
    qop: Number(word & 3n),
    alg: Number((word >> 2n) & 7n),
    expiresUs: Number((word >> 5n) & 0x3_ffff_ffffn) * 1e6 + micros,
  };
}

/** is_nonce_stale: expired, or expiring later than a nonce issued now could. */
export function isStale(params: NonceParams, nowMs: number, expireSeconds: number): boolean {
  const nowUs = nowMs * 1000;
  return nowUs >= params.expiresUs || nowUs + expireSeconds * 1e6 < params.expiresUs;
}

function xorHalves(block: Buffer): void {
  for (let i = 0; i < HALF; i++) block[HALF + i] = block[HALF + i]! ^ block[i]!;
}
