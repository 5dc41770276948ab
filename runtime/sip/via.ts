/**
 * Via header values (RFC 3261 §20.42): `SIP/2.0/UDP host:port;branch=z9hG4bK..;rport (comment)`.
 */
import { formatHostPort, parseHostPort } from "./host-port.ts";
import { formatParams, paramValue, parseParams, type Param } from "./params.ts";
import { findUnnested, parseEach, splitHeaderList, trimSip } from "./scan.ts";

export interface Via {
  /** `SIP` */
  readonly protocol: string;
  /** `2.0` */
  readonly version: string;
  /** `UDP`, `TCP`, `TLS`, `WS`... as written. */
  readonly transport: string;
  readonly host: string;
  readonly port: number | null;
  readonly params: readonly Param[];
  /** The text inside a trailing `( )` comment, or null. */
  readonly comment: string | null;
}

const SENT_PROTOCOL = /^([!%'*+.0-9A-Z_`a-z~-]+)\s*\/\s*([!%'*+.0-9A-Z_`a-z~-]+)\s*\/\s*([!%'*+.0-9A-Z_`a-z~-]+)\s+/;

/** Parses one Via value; null when malformed. */
export function parseVia(text: string): Via | null {
  const s = trimSip(text);
  const protocol = SENT_PROTOCOL.exec(s);
  if (protocol === null) return null;
  let rest = s.slice(protocol[0].length);

  let comment: string | null = null;
  const paren = findUnnested(rest, 40 /* ( */);
  if (paren >= 0) {
    if (rest.charCodeAt(rest.length - 1) !== 41 /* ) */) return null;
    comment = rest.slice(paren + 1, -1);
    rest = trimSip(rest.slice(0, paren));
  }
  const semi = rest.indexOf(";");
  const hostPort = parseHostPort(trimSip(semi < 0 ? rest : rest.slice(0, semi)).replace(/\s*:\s*/, ":"));
  if (hostPort === null) return null;
  return {
    protocol: protocol[1]!,
    version: protocol[2]!,
    transport: protocol[3]!,
    host: hostPort.host,
    port: hostPort.port,
    params: semi < 0 ? [] : parseParams(rest.slice(semi + 1)),
    comment,
  };
}

/** Parses a Via header value that may hold several comma-separated Vias; null if any is malformed. */
export function parseViaList(text: string): Via[] | null {
  return parseEach(splitHeaderList(text), parseVia);
}

/** `SIP/2.0/UDP host:port;params (comment)` */
export function formatVia(via: Via): string {
  const comment = via.comment === null ? "" : ` (${via.comment})`;
  const sentBy = formatHostPort(via.host, via.port);
  return `${via.protocol}/${via.version}/${via.transport} ${sentBy}${formatParams(via.params)}${comment}`;
}

/** The `branch` parameter, or null. */
export function viaBranch(via: Via): string | null {
  return paramValue(via.params, "branch") ?? null;
}
