import { MAX_TIMER_MS } from "./settle-once.ts";

/**
 * The wait behind cfgutils' `sleep(seconds)` / `usleep(microseconds)` under async(): a timer, so
 * the event loop keeps running. Resolves with the functions' return code, 1. A negative or
 * non-numeric duration does not wait.
 */
export function sleepFor(milliseconds: number): Promise<1> {
  const delay = Number.isFinite(milliseconds) && milliseconds > 0 ? Math.min(milliseconds, MAX_TIMER_MS) : 0;
  return new Promise((resolve) => setTimeout(resolve, delay, 1));
}
