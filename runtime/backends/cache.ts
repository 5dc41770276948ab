/**
 * cachedb_local: an in-memory key/value store with per-entry expiry, serving the core cachedb
 * script functions (cache_store, cache_fetch, cache_remove, cache_add, cache_sub,
 * cache_counter_fetch) with their return codes. One instance is one collection.
 */

export type CacheFetch = { code: 1; value: string } | { code: -2 };
export type CacheCounter = { code: 1; value: number } | { code: -1 | -2 };

interface Entry {
  value: string;
  /** Milliseconds on the clock; 0 = never expires. */
  expiresAt: number;
}

export class LocalCache {
  private readonly entries = new Map<string, Entry>();

  /** `now` returns milliseconds (injectable for tests). */
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * cache_store: sets the value, replacing any entry. It lives `expiresSec` seconds (0 = forever;
   * OpenSIPS counts whole-second ticks, so it may keep an entry up to a second longer). Returns 1.
   */
  store(key: string, value: string, expiresSec = 0): 1 {
    this.entries.set(key, { value, expiresAt: this.expiry(expiresSec) });
    return 1;
  }

  /** cache_fetch: 1 with the value, -2 when absent or expired. */
  fetch(key: string): CacheFetch {
    const entry = this.live(key);
    return entry ? { code: 1, value: entry.value } : { code: -2 };
  }

  /** cache_remove: returns 1 whether or not the key existed. */
  remove(key: string): 1 {
    this.entries.delete(key);
    return 1;
  }

  /**
   * cache_add: adds `delta` to the integer stored under `key` and returns the new value. A missing
   * (or expired) key starts from 0 with the given expiry; an existing one keeps its expiry. A value
   * that is not an integer gives -1. Arithmetic wraps like OpenSIPS's 32-bit int.
   */
  add(key: string, delta: number, expiresSec = 0): CacheCounter {
    const entry = this.live(key);
    if (!entry) {
      const value = delta | 0;
      this.entries.set(key, { value: String(value), expiresAt: this.expiry(expiresSec) });
      return { code: 1, value };
    }
    const current = parseCounter(entry.value);
    if (current === null) return { code: -1 };
    const value = (current + delta) | 0;
    entry.value = String(value);
    return { code: 1, value };
  }

  /** cache_sub: `add` with the opposite delta. */
  sub(key: string, delta: number, expiresSec = 0): CacheCounter {
    return this.add(key, -delta, expiresSec);
  }

  /** cache_counter_fetch: 1 with the integer value, -2 when absent, -1 when not an integer. */
  counterFetch(key: string): CacheCounter {
    const entry = this.live(key);
    if (!entry) return { code: -2 };
    const value = parseCounter(entry.value);
    return value === null ? { code: -1 } : { code: 1, value };
  }

  /** Drops every expired entry (cachedb_local's periodic clean-up); returns how many. */
  purgeExpired(): number {
    let purged = 0;
    for (const [key, entry] of this.entries) {
      if (this.isExpired(entry)) {
        this.entries.delete(key);
        purged++;
      }
    }
    return purged;
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.isExpired(entry)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private isExpired(entry: Entry): boolean {
    return entry.expiresAt !== 0 && this.now() >= entry.expiresAt;
  }

  private expiry(expiresSec: number): number {
    return expiresSec === 0 || !Number.isFinite(expiresSec) ? 0 : this.now() + expiresSec * 1000;
  }
}

/** OpenSIPS's str2sint: an optional "-" then digits only ("" and "-" read as 0); 32-bit wrap. */
function parseCounter(text: string): number | null {
  if (!/^-?[0-9]*$/.test(text)) return null;
  const negative = text.startsWith("-");
  let value = 0;
  for (const digit of negative ? text.slice(1) : text) value = (value * 10 + Number(digit)) | 0;
  return negative ? -value | 0 : value;
}
