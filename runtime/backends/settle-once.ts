export interface Settler<T> {
  /** Answers the caller unless it was already answered (by an earlier result or the timeout). */
  finish(result: T): void;
  readonly settled: boolean;
}

/**
 * Answers a promise exactly once: with the first result passed to `finish`, or with `onTimeout(timeoutMs)`
 * when `timeoutMs` elapses first (`onTimeout` also cleans up: kill, release, abort). No timer when
 * `timeoutMs` is not a usable delay (see `hasTimeout`).
 */
export function settleOnce<T>(resolve: (result: T) => void, timeoutMs: number | undefined, onTimeout: (timeoutMs: number) => T): Settler<T> {
  let settled = false;
  const finish = (result: T) => {
    if (settled) return;
    settled = true;
    if (timer) clearTimeout(timer);
    resolve(result);
  };
  const timer = hasTimeout(timeoutMs) ? setTimeout(() => finish(onTimeout(timeoutMs)), timeoutMs) : undefined;
  return {
    finish,
    get settled() {
      return settled;
    },
  };
}

/** Longest delay setTimeout honours; a longer one would fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A usable timeout; longer than a timer can wait counts as none. */
export function hasTimeout(timeoutMs: number | undefined): timeoutMs is number {
  return timeoutMs !== undefined && timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS;
}
