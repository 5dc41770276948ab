/**
 * The texts msilo's msfuncs.c builds for a dumped message: the RFC 3261 Date header of the time
 * it was stored (GMT), the Contact naming its sender (`;msilo=yes`), and the body prefixed with
 * "[Offline message - <ctime>] " when `add_date` is set (ctime: local time, 24 characters).
 */
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** "Date: Tue, 14 Nov 2023 22:13:20 GMT\r\n" (timetToSipDateStr). */
export function sipDateHeader(seconds: number): string {
  const d = new Date(seconds * 1000);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `Date: ${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} GMT\r\n`;
}

/** C's ctime() without its newline: "Tue Nov 14 22:13:20 2023". */
export function ctime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, " ")} ${time} ${d.getFullYear()}`;
}

/** The headers of a dumped message (m_build_headers): Date when stored with a time, Contact of its sender. */
export function dumpHeaders(incomingTime: number, from: string): string {
  return (incomingTime > 0 ? sipDateHeader(incomingTime) : "") + (from === "" ? "" : `Contact: <${from}>;msilo=yes\r\n`);
}

/** The body of a dumped message (m_build_body); an empty body is sent as stored. */
export function dumpBody(body: string, incomingTime: number, addDate: boolean): string {
  if (body === "" || !addDate) return body;
  return `[Offline message - ${ctime(incomingTime)}] ${body}`;
}
