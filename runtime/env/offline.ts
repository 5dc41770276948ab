/**
 * The offline environment: nothing leaves the process; every reply, relay, log line and engine
 * event is recorded as a trace event (trace.ts). The clock is the real one unless fixed.
 */
import type { TraceEvent } from "../trace.ts";
import type { EngineEvent, Environment, LogRecord, OutgoingReply, OutgoingRequest } from "./types.ts";

export interface OfflineOptions {
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  readonly clock?: () => number;
  /** `$pp` of worker 0; defaults to the real process id. */
  readonly pid?: number;
}

export class OfflineEnvironment implements Environment {
  readonly events: TraceEvent[] = [];
  /** The replies and requests that would have been sent, with their text. */
  readonly replies: OutgoingReply[] = [];
  readonly requests: OutgoingRequest[] = [];
  readonly pid: number;
  private readonly clock: () => number;

  constructor(options: OfflineOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.pid = options.pid ?? process.pid;
  }

  now(): number {
    return this.clock();
  }

  log(record: LogRecord): void {
    this.events.push({ msg: record.msg, event: "log", level: record.level, text: record.text });
  }

  sendReply(reply: OutgoingReply): void {
    this.replies.push(reply);
    this.events.push({ msg: reply.msg, event: "reply", code: reply.code, reason: reply.reason });
  }

  relay(request: OutgoingRequest): void {
    this.requests.push(request);
    this.events.push({ msg: request.msg, event: "relay", ruri: request.ruri, dst: request.dst });
  }

  event(event: EngineEvent): void {
    this.events.push(event);
  }
}
