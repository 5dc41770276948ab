/**
 * The environment of `opensips-ts run`: the runtime's offline environment (it records the trace),
 * plus a hook on every request sent downstream, so a simulated downstream can answer it.
 */
import type { Environment, EngineEvent, LogRecord, OfflineEnvironment, OutgoingReply, OutgoingRequest } from "../runtime/index.ts";
import type { RunEvent } from "./run-trace.ts";

export class RunEnvironment implements Environment {
  onRelay: (request: OutgoingRequest) => void = () => {};

  constructor(private readonly inner: OfflineEnvironment) {}

  get pid(): number {
    return this.inner.pid;
  }

  now(): number {
    return this.inner.now();
  }

  log(record: LogRecord): void {
    this.inner.log(record);
  }

  sendReply(reply: OutgoingReply): void {
    this.inner.sendReply(reply);
  }

  relay(request: OutgoingRequest): void {
    this.inner.relay(request);
    this.onRelay(request);
  }

  event(event: EngineEvent): void {
    this.inner.event(event);
  }

  /** The trace so far: message numbers through `display`, relays with the method they sent. */
  trace(display: (msg: number) => number): RunEvent[] {
    let relayed = 0;
    return this.inner.events.map((event) => {
      const msg = display(event.msg);
      if (event.event !== "relay") return { ...event, msg };
      const text = this.inner.requests[relayed++]?.text ?? "";
      return { ...event, msg, method: text.slice(0, text.indexOf(" ")) };
    });
  }
}
