/**
 * Calendar arithmetic for time recurrences, as C's `localtime_r` and `mktime` do it: in the
 * process's local time zone, or in a named IANA zone (the recurrence's `TZ` field). An unknown
 * zone name is read as UTC, as glibc does for an unknown `TZ`.
 */

/** C's `struct tm`: full year, month 0–11, weekday 0 = Sunday, day of the year 0–365. */
export interface Tm {
  readonly year: number;
  readonly mon: number;
  readonly mday: number;
  readonly hour: number;
  readonly min: number;
  readonly sec: number;
  readonly wday: number;
  readonly yday: number;
}

/** An IANA zone name, or null for the process's local time. */
export type Zone = string | null;

export type DateTimeFields = Pick<Tm, "year" | "mon" | "mday" | "hour" | "min" | "sec">;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    const options: Intl.DateTimeFormatOptions = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" };
    try {
      formatter = new Intl.DateTimeFormat("en-US", { ...options, timeZone: zone });
    } catch {
      formatter = new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The `struct tm` of a calendar date and time (weekday and day of the year filled in). */
export function tmOf(fields: DateTimeFields): Tm {
  const day = Date.UTC(fields.year, fields.mon, fields.mday);
  const date = new Date(day);
  const yday = Math.round((day - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS);
  return { ...fields, year: date.getUTCFullYear(), mon: date.getUTCMonth(), mday: date.getUTCDate(), wday: date.getUTCDay(), yday };
}

/** `localtime_r`: the broken-down time of `seconds` since the epoch in `zone`. */
export function localTime(seconds: number, zone: Zone): Tm {
  const date = new Date(seconds * 1000);
  if (zone === null) {
    return tmOf({ year: date.getFullYear(), mon: date.getMonth(), mday: date.getDate(), hour: date.getHours(), min: date.getMinutes(), sec: date.getSeconds() });
  }
  const parts = formatterOf(zone).formatToParts(date);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return tmOf({ year: part("year"), mon: part("month") - 1, mday: part("day"), hour: part("hour"), min: part("minute"), sec: part("second") });
}

function wallClockSeconds(tm: DateTimeFields): number {
  return Date.UTC(tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec) / 1000;
}

/** `mktime` (with `tm_isdst = -1`): the seconds since the epoch of a wall-clock time in `zone`; out-of-range fields carry over. */
export function makeTime(fields: DateTimeFields, zone: Zone): number {
  if (zone === null) return Math.floor(new Date(fields.year, fields.mon, fields.mday, fields.hour, fields.min, fields.sec).getTime() / 1000);
  const wall = wallClockSeconds(fields);
  const offsetAt = (t: number): number => wallClockSeconds(localTime(t, zone)) - t;
  return wall - offsetAt(wall - offsetAt(wall));
}
