/**
 * `host[:port]` as used by SIP URIs and Via sent-by: a hostname, an IPv4 address or a bracketed
 * IPv6 reference (`[2001:db8::1]`, kept with its brackets as OpenSIPS does).
 */

export interface HostPort {
  readonly host: string;
  readonly port: number | null;
}

const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)$/;
const PORT = /^[0-9]{1,5}$/;

/** Parses `host`, `host:port`, `[v6]` or `[v6]:port`; null when either part is malformed. */
export function parseHostPort(text: string): HostPort | null {
  let hostEnd: number;
  if (text.charCodeAt(0) === 91 /* [ */) {
    hostEnd = text.indexOf("]") + 1;
    if (hostEnd === 0) return null;
  } else {
    hostEnd = text.indexOf(":");
    if (hostEnd < 0) hostEnd = text.length;
  }
  const host = text.slice(0, hostEnd);
  if (!HOST.test(host)) return null;
  if (hostEnd === text.length) return { host, port: null };
  if (text.charCodeAt(hostEnd) !== 58 /* : */) return null;
  const port = parsePort(text.slice(hostEnd + 1));
  return port === null ? null : { host, port };
}

/** A decimal port 0–65535, or null. */
function parsePort(text: string): number | null {
  if (!PORT.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/** `host` or `host:port`. */
export function formatHostPort(host: string, port: number | null): string {
  return port === null ? host : `${host}:${port}`;
}
