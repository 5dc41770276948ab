/**
 * The address `serve` listens on: `--listen [udp:]IP[:PORT]` when given, else the script's first
 * UDP socket (`socket=`/`listen=` without a protocol counts as UDP). The host must be a concrete
 * IP address or `localhost`, since it goes into the Via of every request the proxy sends.
 * Port 0 asks the system for a free port.
 */
import { isIP } from "node:net";
import type { Script, ScriptSocket } from "../script.ts";
import { parseSocket, resolveIp, type AddressFamily, type Unresolved } from "./udp-destination.ts";

export interface ListenAddress {
  /** The IP address, IPv6 without brackets. */
  readonly ip: string;
  readonly port: number;
  readonly family: AddressFamily;
}

export type ListenChoice = { readonly ok: true; readonly address: ListenAddress } | Unresolved;

const SIP_PORT = 5060;

export function chooseListenAddress(script: Script, listen?: string): ListenChoice {
  if (listen !== undefined) return parseListen(listen);
  const socket = script.sockets.find((s) => s.proto === null || s.proto.toLowerCase() === "udp");
  if (socket === undefined) return { ok: false, error: "the script has no UDP socket: add socket=udp:IP:PORT or pass --listen IP:PORT" };
  return addressOf(socket.host, socket.port ?? SIP_PORT, `socket ${socket.text}`);
}

/** `[udp:]IP[:PORT]` */
function parseListen(text: string): ListenChoice {
  const hostPort = parseSocket(text);
  if ("error" in hostPort) return { ok: false, error: `--listen ${text}: ${hostPort.error}` };
  return addressOf(hostPort.host, hostPort.port ?? SIP_PORT, `--listen ${text}`);
}

function addressOf(host: string, port: number, origin: string): ListenChoice {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const family: AddressFamily = isIP(bare) === 6 ? "udp6" : "udp4";
  const ip = resolveIp(host, family);
  if (typeof ip !== "string") return { ok: false, error: `${origin}: ${ip.error}` };
  if (ip === "0.0.0.0" || ip === "::") return { ok: false, error: `${origin}: listen on a concrete address, not ${host}: it goes into the proxy's Via` };
  return { ok: true, address: { ip, port, family } };
}

/**
 * The script as the engine must see it while served on `address`: that socket first (`$Ri`,
 * `$Rp`, the proxy's own Via and "myself" checks read the first socket), replacing the socket it
 * was chosen from.
 */
export function scriptOnSocket(script: Script, address: ListenAddress): Script {
  const host = address.family === "udp6" ? `[${address.ip}]` : address.ip;
  const served: ScriptSocket = { proto: "udp", host, port: address.port, text: `udp:${host}:${address.port}` };
  const replaced = script.sockets.find((s) => s.proto === null || s.proto.toLowerCase() === "udp");
  return { ...script, sockets: [served, ...script.sockets.filter((s) => s !== replaced)] };
}
