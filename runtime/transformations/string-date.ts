/**
 * `{s.date2unix}`: an RFC 3261 (RFC 1123 form) SIP Date value such as
 * `Thu, 13 Jun 2024 12:48:00 GMT` to its UNIX timestamp.
 */
import type { TransformFn } from "./types.ts";
import { onText } from "./on-text.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const SIP_DATE = /^([A-Z][a-z]{2}), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * Int-typed seconds since the epoch; NULL for anything not in the exact SIP-date form. The OpenSIPS
 * manual shows the result quoted ("1718282880"); int typing is assumed, as for the other
 * numeric results, and the string form is the same either way.
 */
export const date2unix: TransformFn = onText((text) => {
  const m = SIP_DATE.exec(text.trim());
  if (m === null || !WEEKDAYS.includes(m[1]!)) return null;
  const month = MONTHS.indexOf(m[3]!);
  const [day, year, hour, minute, second] = [m[2], m[4], m[5], m[6], m[7]].map(Number) as [number, number, number, number, number];
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return null;
  return Math.floor(ms / 1000);
});
