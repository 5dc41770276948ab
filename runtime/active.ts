/**
 * The context whose route code is running right now. Route code runs synchronously between the
 * driver's `next()` calls, so the driver marks the context for that span; the few helpers the
 * emitted code calls without a context (comparisons, `rt.truthy`) log their warnings through it.
 */
import type { Ctx } from "./ctx.ts";
import type { LogLevel } from "./log-level.ts";

let active: Ctx | null = null;

/** Runs `step` with `ctx` marked active, restoring the previous one after (runs nest). */
export function runActive<T>(ctx: Ctx, step: () => T): T {
  const previous = active;
  active = ctx;
  try {
    return step();
  } finally {
    active = previous;
  }
}

/** Logs through the active context; outside a run there is no message to attach it to. */
export function logActive(level: LogLevel, text: string): void {
  active?.log(level, text);
}
