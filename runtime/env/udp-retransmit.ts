/**
 * UDP retransmissions (RFC 3261 §17), the part of the transaction layer that only exists because
 * datagrams get lost:
 * - client transactions (requests the proxy sends): an INVITE is re-sent after T1, 2·T1, 4·T1 …
 *   until any reply arrives (timer A); any other request (CANCEL, BYE, OPTIONS …) after T1, 2·T1 …
 *   capped at T2, and at T2 once a provisional reply came, until a final reply (timer E). Both stop
 *   at `requestLimit` (timers B/F; as in OpenSIPS tm, its fr_timeout ends them). ACKs are never
 *   retransmitted;
 * - INVITE server transactions: a non-2xx final reply is re-sent after T1, 2·T1 … capped at T2 until
 *   the ACK arrives (timer G), for at most 64·T1 (timer H).
 *
 * Transactions are matched as in §17.1.3/§17.2.3: the top Via branch, plus the CSeq method on the
 * client side (a CANCEL shares its INVITE's branch).
 */
import type { Buffer } from "node:buffer";
import { intModParam } from "../modules/modparams.ts";
import type { Script } from "../script.ts";
import type { MessageView } from "../sip/message-view.ts";
import { viaBranch } from "../sip/via.ts";
import type { UdpAddress } from "./udp-destination.ts";

export interface RetransmitTimers {
  /** T1, the round-trip estimate, in ms (tm's `T1_timer`, default 500). */
  readonly t1: number;
  /** T2, the longest interval, in ms (tm's `T2_timer`, default 4000). */
  readonly t2: number;
  /** How long a request is re-sent at most, in ms. */
  readonly requestLimit: number;
}

/** The timers tm's parameters set: `T1_timer`, `T2_timer` (ms) and `fr_timeout` (s; `fr_timer` before 2.x). */
export function retransmitTimers(script: Script): RetransmitTimers {
  const t1 = positiveTmParam(script, "T1_timer", 500);
  const t2 = positiveTmParam(script, "T2_timer", 4000);
  const finalResponse = positiveTmParam(script, "fr_timeout", positiveTmParam(script, "fr_timer", 5)) * 1000;
  return { t1, t2, requestLimit: Math.min(finalResponse, 64 * t1) };
}

/** A tm parameter that must be a positive integer (a zero T1 would re-send in a tight loop); `fallback` otherwise. */
function positiveTmParam(script: Script, name: string, fallback: number): number {
  const value = intModParam(script, "tm", name, fallback);
  return value > 0 ? value : fallback;
}

export type Send = (data: Buffer, to: UdpAddress) => void;

interface Pending {
  readonly data: Buffer;
  readonly to: UdpAddress;
  /** The interval never grows beyond this (T2; unbounded for an INVITE). */
  readonly cap: number;
  /** Time (ms, `performance.now()`) after which no copy is due. */
  readonly deadline: number;
  /** When the last copy was due (the first: when the message was sent). */
  dueAt: number;
  interval: number;
  timer: NodeJS.Timeout | null;
}

export class Retransmitter {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly timers: RetransmitTimers,
    private readonly send: Send,
  ) {}

  /** `request` was sent as `data` to `to`: retransmit it until it is answered. */
  requestSent(request: MessageView, data: Buffer, to: UdpAddress): void {
    const key = clientKey(request);
    if (key === null || request.method === "ACK") return;
    const cap = request.method === "INVITE" ? Number.POSITIVE_INFINITY : this.timers.t2;
    this.start(key, data, to, cap, this.timers.requestLimit);
  }

  /** A reply came in: a provisional one stops an INVITE's retransmissions and slows the others; a final one stops them. */
  replyReceived(reply: MessageView): void {
    const key = clientKey(reply);
    const code = reply.statusCode;
    const entry = key === null ? undefined : this.pending.get(key);
    if (key === null || entry === undefined || code === null) return;
    if (code >= 200 || reply.method === "INVITE") this.cancel(key);
    else entry.interval = this.timers.t2;
  }

  /** A reply was sent as `data` to `to`: a non-2xx final reply to an INVITE is retransmitted until its ACK. */
  replySent(reply: MessageView, data: Buffer, to: UdpAddress): void {
    const code = reply.statusCode;
    const key = serverKey(reply);
    if (key === null || code === null || code < 300 || reply.method !== "INVITE") return;
    this.start(key, data, to, this.timers.t2, 64 * this.timers.t1);
  }

  /** A request came in: an ACK ends the retransmission of the reply it acknowledges. */
  requestReceived(request: MessageView): void {
    const key = request.method === "ACK" ? serverKey(request) : null;
    if (key !== null) this.cancel(key);
  }

  /** Stops every retransmission. */
  stop(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  private start(key: string, data: Buffer, to: UdpAddress, cap: number, limit: number): void {
    this.cancel(key);
    const now = performance.now();
    const entry: Pending = { data, to, cap, deadline: now + limit, dueAt: now, interval: this.timers.t1, timer: null };
    this.pending.set(key, entry);
    this.schedule(key, entry);
  }

  /**
   * The next copy `entry.interval` after the previous one was due (not after it was sent, so a
   * busy event loop does not change how many copies go out), unless that is past the deadline.
   */
  private schedule(key: string, entry: Pending): void {
    entry.dueAt += entry.interval;
    if (entry.dueAt > entry.deadline) {
      this.pending.delete(key);
      return;
    }
    entry.timer = setTimeout(() => {
      this.send(entry.data, entry.to);
      entry.interval = Math.min(entry.interval * 2, entry.cap);
      this.schedule(key, entry);
    }, Math.max(0, entry.dueAt - performance.now()));
  }

  private cancel(key: string): void {
    const entry = this.pending.get(key);
    if (entry === undefined) return;
    if (entry.timer !== null) clearTimeout(entry.timer);
    this.pending.delete(key);
  }
}

/** Client transaction key: the top Via branch and the CSeq method. */
function clientKey(msg: MessageView): string | null {
  const branch = topBranch(msg);
  const method = msg.cseq?.method;
  return branch === null || method === undefined ? null : `client ${branch} ${method.toUpperCase()}`;
}

/** INVITE server transaction key: the top Via branch (its ACK for a non-2xx reply carries the same). */
function serverKey(msg: MessageView): string | null {
  const branch = topBranch(msg);
  return branch === null ? null : `server ${branch}`;
}

function topBranch(msg: MessageView): string | null {
  const via = msg.topVia;
  return via === null ? null : viaBranch(via);
}
