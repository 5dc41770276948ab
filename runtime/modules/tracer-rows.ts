/**
 * What the tracer records of one message (a `sip_trace` row without its trace_attrs), built as
 * OpenSIPS's tracer fills its columns: the message as received or as sent, its Call-ID and From
 * tag, the method (a reply traced with its transaction gives its CSeq method, the current reply
 * traced alone gives none), the status, the two ends (proto, ip, port) and the direction. A
 * message leaving the proxy comes from `trace_local_ip` when set, else from the proxy's socket.
 */
import type { EngineCore } from "../engine-core.ts";
import type { Peer } from "../env/types.ts";
import type { SipMessage } from "../sip/message.ts";
import { parseSipMessage } from "../sip/parse.ts";
import { paramValue } from "../sip/params.ts";
import { parseUri } from "../sip/uri.ts";
import type { LocalAddress } from "./tracer-ids.ts";

export interface TraceRow {
  /** Seconds since the epoch. */
  readonly time: number;
  readonly callid: string;
  readonly msg: string;
  readonly method: string;
  readonly status: string;
  readonly from: LocalAddress;
  readonly to: LocalAddress;
  readonly fromtag: string;
  readonly direction: "in" | "out";
}

function nowSeconds(engine: EngineCore): number {
  return Math.floor(engine.env.now() / 1000);
}

/** The proxy's own address: `trace_local_ip`, else its first socket (with the message's proto). */
function localAddress(engine: EngineCore, localIp: LocalAddress | null, proto: string): LocalAddress {
  if (localIp !== null) return localIp;
  const socket = engine.script.sockets[0];
  return { proto, ip: socket?.host ?? "127.0.0.1", port: socket?.port ?? 5060 };
}

function peerAddress(peer: Peer): LocalAddress {
  return { proto: peer.proto.toLowerCase(), ip: peer.ip, port: peer.port };
}

/**
 * A message the proxy received: "current", the message being processed (traced by trace(), or a
 * request starting a traced transaction: a reply gets no method, the proxy's end is its socket);
 * "matched", a reply matched to a traced transaction (its CSeq method; the proxy's end may be
 * `trace_local_ip`).
 */
export function receivedRow(engine: EngineCore, msg: SipMessage, source: Peer, localIp: LocalAddress | null, how: "current" | "matched"): TraceRow {
  const from = peerAddress(source);
  const isReply = !msg.isRequest;
  return {
    time: nowSeconds(engine),
    callid: msg.callId ?? "",
    msg: msg.text,
    method: isReply ? (how === "matched" ? (msg.cseq?.method ?? "") : "") : (msg.method ?? ""),
    status: isReply ? String(msg.statusCode ?? "") : "",
    from,
    to: localAddress(engine, how === "matched" ? localIp : null, from.proto),
    fromtag: msg.fromTag ?? "",
    direction: "in",
  };
}

/** Where a request goes: the host and port of its next-hop URI, its transport (udp by default). */
function destinationAddress(uri: string): LocalAddress {
  const parsed = parseUri(uri);
  if (parsed === null) return { proto: "any", ip: "255.255.255.255", port: 9 };
  const transport = paramValue(parsed.params, "transport");
  const secure = parsed.scheme === "sips";
  const proto = typeof transport === "string" ? transport.toLowerCase() : secure ? "tls" : "udp";
  return { proto, ip: parsed.host, port: parsed.port ?? (proto === "tls" ? 5061 : 5060) };
}

/** A reply or request the proxy sent (`text` as sent) to `to` (a peer, or a request's next-hop URI). */
export function sentRow(engine: EngineCore, text: string, to: Peer | string, localIp: LocalAddress | null): TraceRow | null {
  const parsed = parseSipMessage(text);
  if (!parsed.ok) return null;
  const msg = parsed.msg;
  const destination = typeof to === "string" ? destinationAddress(to) : peerAddress(to);
  return {
    time: nowSeconds(engine),
    callid: msg.callId ?? "",
    msg: text,
    method: msg.isRequest ? (msg.method ?? "") : (msg.cseq?.method ?? ""),
    status: msg.isRequest ? "" : String(msg.statusCode ?? ""),
    from: localAddress(engine, localIp, destination.proto === "any" ? "udp" : destination.proto),
    to: destination,
    fromtag: msg.fromTag ?? "",
    direction: "out",
  };
}
