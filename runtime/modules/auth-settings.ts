/**
 * The auth module's settings for one engine (modparams `secret`, `nonce_expire`,
 * `disable_nonce_check`, `realm_prefix`) and its one-time nonce bookkeeping: each challenge
 * reserves an index, and a response is accepted for an index only once (a replayed nonce is
 * stale), as OpenSIPS's nonce index buffer does. Without the check every nonce has index 0.
 */
import type { EngineCore } from "../engine-core.ts";
import { intModParam, modParam } from "./modparams.ts";
import { nonceKey } from "./auth-nonce.ts";

const DEFAULT_NONCE_EXPIRE = 30;
const INDEX_LIMIT = 2 ** 31;

export class AuthSettings {
  readonly key: Buffer;
  readonly nonceExpire: number;
  readonly checkNonceIndex: boolean;
  readonly realmPrefix: string;
  private nextIndex = 0;
  /** Reserved indexes not yet used, with the expiry (ms) of their nonce. */
  private readonly unused = new Map<number, number>();

  constructor(engine: EngineCore) {
    const script = engine.script;
    const secret = modParam(script, "auth", "secret");
    this.key = nonceKey(secret === undefined ? null : String(secret));
    this.nonceExpire = intModParam(script, "auth", "nonce_expire", DEFAULT_NONCE_EXPIRE);
    this.checkNonceIndex = intModParam(script, "auth", "disable_nonce_check", 0) === 0;
    this.realmPrefix = String(modParam(script, "auth", "realm_prefix") ?? "");
  }

  /** The index for a new nonce expiring at `expiresMs`. */
  reserveIndex(nowMs: number, expiresMs: number): number {
    if (!this.checkNonceIndex) return 0;
    for (const [index, expiry] of this.unused) if (expiry <= nowMs) this.unused.delete(index);
    const index = this.nextIndex;
    this.nextIndex = (this.nextIndex + 1) % INDEX_LIMIT;
    this.unused.set(index, expiresMs);
    return index;
  }

  /** Is this the first response with a nonce of that index? Marks it used. */
  useIndex(index: number): boolean {
    if (!this.checkNonceIndex) return index === 0;
    return this.unused.delete(index);
  }
}

const DATA_KEY = "auth";

export function authSettings(engine: EngineCore): AuthSettings {
  let settings = engine.moduleData.get(DATA_KEY);
  if (!(settings instanceof AuthSettings)) {
    settings = new AuthSettings(engine);
    engine.moduleData.set(DATA_KEY, settings);
  }
  return settings as AuthSettings;
}
