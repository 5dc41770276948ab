/**
 * The proxy's own address as topology hiding writes it. The hidden Contact carries the address a
 * message leaves from (OpenSIPS's SUBST_SND_ALL: host, `:port` unless it is 5060 and not
 * advertised, `;transport=` unless UDP); the runtime sends everything from the script's first
 * socket, under the address set_advertised_address/port chose. The dialog-less mode also records
 * the socket a message came in on, as OpenSIPS prints sockets (`udp:1.2.3.4:5060`).
 */
import type { EngineCore } from "../engine-core.ts";
import type { MessageState } from "../message-state.ts";

const SIP_PORT = 5060;

export function sendAddress(engine: EngineCore, state: MessageState): string {
  const socket = engine.script.sockets[0];
  const host = state.advertisedAddress ?? socket?.host ?? "127.0.0.1";
  const port = state.advertisedPort ?? String(socket?.port ?? SIP_PORT);
  const proto = (socket?.proto ?? "udp").toLowerCase();
  const showPort = port !== String(SIP_PORT) || state.advertisedPort !== null;
  return `${host}${showPort ? `:${port}` : ""}${proto === "udp" ? "" : `;transport=${proto}`}`;
}

export function receiveSocket(engine: EngineCore): string {
  const socket = engine.script.sockets[0];
  return `${(socket?.proto ?? "udp").toLowerCase()}:${socket?.host ?? "127.0.0.1"}:${socket?.port ?? SIP_PORT}`;
}

