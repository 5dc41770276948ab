/**
 * Where the UDP environment sends what the script produces:
 * - a request goes to its next hop: a SIP URI (`$du`, else the Request-URI) names the `maddr`
 *   parameter when present, else the host, at the URI's port or 5060 (RFC 3261 §18.1.1, §19.1.1);
 *   a socket-style destination (`udp:10.0.0.7:5080`, `10.0.0.7:5080`, as `forward()` and
 *   `t_relay(, proxy)` take it) names the host and port directly;
 * - a reply goes back per its top Via (RFC 3261 §18.2.2, RFC 3581): the `received` address
 *   (else the sent-by host) and the `rport` port (else the sent-by port, else 5060).
 *
 * There is no DNS: a host must be an IP address literal or `localhost` (no SRV/NAPTR/A look-ups).
 * Only UDP is served, so a URI asking for another transport (`sips:`, `;transport=tcp`) is refused.
 */
import { isIP } from "node:net";
import { parseHostPort, type HostPort } from "../sip/host-port.ts";
import { paramValue } from "../sip/params.ts";
import { parseUri } from "../sip/uri.ts";
import type { Via } from "../sip/via.ts";

export type AddressFamily = "udp4" | "udp6";

export interface UdpAddress {
  readonly ip: string;
  readonly port: number;
}

export interface Unresolved {
  readonly ok: false;
  readonly error: string;
}

export type Resolved = { readonly ok: true; readonly address: UdpAddress } | Unresolved;

const SIP_PORT = 5060;
/** The protocol prefix of an OpenSIPS socket (`udp:` in `udp:10.0.0.7:5080`). */
const SOCKET_PROTO = /^(udp|tcp|tls|sctp|ws|wss|bin|hep_udp|hep_tcp):/i;

/** The address a request for next hop `dst` (a URI or `[proto:]host[:port]`) is sent to, from a socket of `family`. */
export function requestDestination(dst: string, family: AddressFamily): Resolved {
  return /^(sips?|tels?):/i.test(dst) ? uriDestination(dst, family) : socketDestination(dst, family);
}

function uriDestination(uri: string, family: AddressFamily): Resolved {
  const parsed = parseUri(uri);
  if (parsed === null || parsed.host === "") return failure(`cannot send to "${uri}": not a SIP URI with a host`);
  if (parsed.scheme !== "sip") return failure(`cannot send to "${uri}": only sip: URIs over UDP are served`);
  const transport = paramValue(parsed.params, "transport");
  if (typeof transport === "string" && transport.toLowerCase() !== "udp") {
    return failure(`cannot send to "${uri}": transport ${transport} is not served (UDP only)`);
  }
  const maddr = paramValue(parsed.params, "maddr");
  return resolveHost(typeof maddr === "string" && maddr !== "" ? maddr : parsed.host, parsed.port ?? SIP_PORT, family);
}

function socketDestination(dst: string, family: AddressFamily): Resolved {
  const hostPort = parseSocket(dst);
  if ("error" in hostPort) return failure(`cannot send to "${dst}": ${hostPort.error}`);
  return resolveHost(hostPort.host, hostPort.port ?? SIP_PORT, family);
}

/** `[udp:]host[:port]`, the way OpenSIPS writes a socket; any other protocol is refused. */
export function parseSocket(text: string): HostPort | Unresolved {
  const proto = SOCKET_PROTO.exec(text);
  if (proto !== null && proto[1]!.toLowerCase() !== "udp") return failure(`${proto[1]} is not served (UDP only)`);
  return parseHostPort(proto === null ? text : text.slice(proto[0].length)) ?? failure("not [udp:]host[:port]");
}

/** The address a reply whose top Via is `via` goes back to, from a socket of `family`. */
export function replyDestination(via: Via, family: AddressFamily): Resolved {
  if (via.transport.toUpperCase() !== "UDP") return failure(`cannot send a reply over ${via.transport} (UDP only)`);
  const received = paramValue(via.params, "received");
  const rport = paramValue(via.params, "rport");
  const port = typeof rport === "string" && /^[0-9]{1,5}$/.test(rport) ? Number(rport) : (via.port ?? SIP_PORT);
  return resolveHost(typeof received === "string" && received !== "" ? received : via.host, port, family);
}

/** `host`:`port` as an address of `family` (see `resolveIp`). */
export function resolveHost(host: string, port: number, family: AddressFamily): Resolved {
  if (port <= 0 || port > 65535) return failure(`port ${port} is out of range`);
  const ip = resolveIp(host, family);
  return typeof ip === "string" ? { ok: true, address: { ip, port } } : ip;
}

/** `host` as an IP address of `family` (IPv6 without brackets): an IP literal or `localhost`; otherwise why not. */
export function resolveIp(host: string, family: AddressFamily): string | Unresolved {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === "localhost") return family === "udp4" ? "127.0.0.1" : "::1";
  const version = isIP(bare);
  if (version === 0) return failure(`cannot resolve "${host}": only IP addresses and localhost are served (no DNS)`);
  if ((version === 4) !== (family === "udp4")) return failure(`cannot reach ${host} from an IPv${family === "udp4" ? 4 : 6} socket`);
  return bare;
}

function failure(error: string): Unresolved {
  return { ok: false, error };
}
