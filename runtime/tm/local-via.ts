/**
 * The Via a proxy puts on a request it sends (RFC 3261 §16.6 step 8): its own address (the
 * socket the branch is sent from — the script's first one unless the branch names another —, or
 * what set_advertised_address/port chose for the message) and a branch parameter that
 * identifies the branch.
 */
import type { EngineCore } from "../engine-core.ts";
import type { MessageState } from "../message-state.ts";

const SIP_PORT = 5060;

export function localVia(engine: EngineCore, state: MessageState, branch: string, sendSocket: string | null = null): string {
  const { proto, host, port } = sentBy(engine, state, sendSocket);
  return `SIP/2.0/${proto.toUpperCase()} ${host}:${port};branch=${branch}${state.addLocalRport ? ";rport" : ""}`;
}

/** The address a request goes out with: the send socket's (the script's first by default), or the advertised one. */
export function sentBy(engine: EngineCore, state: MessageState, sendSocket: string | null = null): { proto: string; host: string; port: string } {
  const socket = engine.script.sockets.find((s) => s.text === sendSocket) ?? engine.script.sockets[0];
  return {
    proto: socket?.proto ?? "udp",
    host: state.advertisedAddress ?? socket?.host ?? "127.0.0.1",
    port: state.advertisedPort ?? String(socket?.port ?? SIP_PORT),
  };
}
