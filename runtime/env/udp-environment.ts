/**
 * The environment of a served script: replies go back per their top Via, relayed requests to
 * their next hop, both over the UDP socket and retransmitted while unanswered; log lines and
 * per-message summaries go to the log sink.
 */
import { Buffer } from "node:buffer";
import { parseSipMessage } from "../sip/parse.ts";
import type { EngineEvent, Environment, LogRecord, OutgoingReply, OutgoingRequest } from "./types.ts";
import { replyDestination, requestDestination, resolveHost, type Resolved } from "./udp-destination.ts";
import type { LogSink } from "./udp-log.ts";
import type { Retransmitter } from "./udp-retransmit.ts";
import type { Summaries } from "./udp-summary.ts";
import { formatAddress, type UdpTransport } from "./udp-transport.ts";

export class UdpEnvironment implements Environment {
  readonly pid = process.pid;

  constructor(
    private readonly transport: UdpTransport,
    private readonly retransmitter: Retransmitter,
    private readonly summaries: Summaries,
    private readonly sink: LogSink,
  ) {}

  now(): number {
    return Date.now();
  }

  log(record: LogRecord): void {
    this.sink({ kind: "log", msg: record.msg, level: record.level, text: record.text });
  }

  event(event: EngineEvent): void {
    this.summaries.event(event);
  }

  sendReply(reply: OutgoingReply): void {
    const family = this.transport.address.family;
    const parsed = parseSipMessage(reply.text);
    const via = parsed.ok ? parsed.msg.topVia : null;
    let destination: Resolved = via === null ? { ok: false, error: "the reply has no valid Via" } : replyDestination(via, family);
    // A Via naming a host we cannot resolve: the request's source is where it came from.
    if (!destination.ok) destination = resolveHost(reply.to.ip, reply.to.port, family);
    this.summaries.of(reply.msg).replies.push({ code: reply.code, reason: reply.reason, to: describe(destination) });
    if (!destination.ok) return this.cannotSend(`${reply.code} reply`, destination.error);
    const data = Buffer.from(reply.text, "utf8");
    this.transport.send(data, destination.address);
    if (parsed.ok) this.retransmitter.replySent(parsed.msg, data, destination.address);
  }

  relay(request: OutgoingRequest): void {
    const parsed = parseSipMessage(request.text);
    const method = parsed.ok ? parsed.msg.method : null;
    const destination = requestDestination(request.dst, this.transport.address.family);
    this.summaries.of(request.msg).relays.push({ method, ruri: request.ruri, to: describe(destination) });
    if (!destination.ok) return this.cannotSend(`${method ?? "request"} ${request.ruri}`, destination.error);
    const data = Buffer.from(request.text, "utf8");
    this.transport.send(data, destination.address);
    if (parsed.ok) this.retransmitter.requestSent(parsed.msg, data, destination.address);
  }

  private cannotSend(what: string, why: string): void {
    this.sink({ kind: "transport", level: "ERROR", text: `${what} not sent: ${why}` });
  }
}

function describe(destination: Resolved): string {
  return destination.ok ? formatAddress(destination.address) : "nowhere";
}
