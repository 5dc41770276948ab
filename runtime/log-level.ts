/**
 * OpenSIPS log levels (dprint.h): L_ALERT -3 … L_DBG 4. A line is written when its level is at
 * or below the configured `log_level` (core messages) or `xlog_level` (xlog/xdbg).
 */

export type LogLevel = -3 | -2 | -1 | 1 | 2 | 3 | 4;

export const L_ALERT = -3;
export const L_CRIT = -2;
export const L_ERR = -1;
export const L_WARN = 1;
export const L_NOTICE = 2;
export const L_INFO = 3;
export const L_DBG = 4;

/** The prefix OpenSIPS prints for each level, also the `level` of a trace log event. */
const LEVEL_NAMES: Readonly<Record<LogLevel, string>> = {
  [-3]: "ALERT",
  [-2]: "CRITICAL",
  [-1]: "ERROR",
  1: "WARNING",
  2: "NOTICE",
  3: "INFO",
  4: "DBG",
};

export function levelName(level: LogLevel): string {
  return LEVEL_NAMES[level];
}

/** By the third character of `L_ALERT`, `L_CRIT`, `L_ERR`, `L_WARN`, `L_NOTICE`, `L_INFO`, `L_DBG`. */
const LEVEL_BY_LETTER: Readonly<Record<string, LogLevel>> = { A: -3, C: -2, E: -1, W: 1, N: 2, I: 3, D: 4 };

/**
 * The level an xlog level argument names: `L_XXX` (checked by its third character, as xlog
 * does) or the decimal text of a level number; null when it names none.
 */
export function parseLogLevel(text: string): LogLevel | null {
  if (/^L_/i.test(text)) return LEVEL_BY_LETTER[text.charAt(2).toUpperCase()] ?? null;
  return clampLogLevel(/^-?[0-9]+$/.test(text) ? Number(text) : NaN);
}

/** A number as a level: values outside -3…4 are clamped, 0 (no such level) and NaN give null. */
export function clampLogLevel(n: number): LogLevel | null {
  if (!Number.isInteger(n) || n === 0) return null;
  return Math.max(-3, Math.min(4, n)) as LogLevel;
}
