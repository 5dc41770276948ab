/**
 * Collects what the engine does into one-line summaries:
 * - everything reported while a received message is handled (its routes, the replies and
 *   requests it causes, even those the engine files under another message's number, such as a
 *   downstream reply relayed upstream) goes into that message's summary;
 * - what happens later on its own (a resume route, a timeout) goes into a summary per message
 *   number and per turn of the event loop.
 * Route code runs synchronously, so a summary is complete by the next `setImmediate`, when it is
 * written.
 */
import type { EngineEvent } from "./types.ts";
import type { LogSink, MessageSummary, ReceivedMessage } from "./udp-log.ts";

export class Summaries {
  /** Written at the next flush, in the order they were opened. */
  private readonly pending: MessageSummary[] = [];
  private readonly byMsg = new Map<number, MessageSummary>();
  private receivingInto: MessageSummary | null = null;
  private flushing: NodeJS.Immediate | null = null;

  constructor(private readonly sink: LogSink) {}

  /**
   * Runs `handle`, the synchronous part of handling a received message: whatever is reported
   * meanwhile goes into one summary, which the caller completes with the message's number.
   */
  receiving<T>(received: ReceivedMessage, handle: () => T): { summary: MessageSummary; result: T } {
    const summary = this.open(0);
    summary.received = received;
    this.receivingInto = summary;
    try {
      return { summary, result: handle() };
    } finally {
      this.receivingInto = null;
    }
  }

  /** The summary what is reported now for message `msg` belongs to. */
  of(msg: number): MessageSummary {
    if (this.receivingInto !== null) return this.receivingInto;
    let summary = this.byMsg.get(msg);
    if (summary === undefined) {
      summary = this.open(msg);
      this.byMsg.set(msg, summary);
    }
    return summary;
  }

  /** Records what the engine reports. */
  event(event: EngineEvent): void {
    const summary = this.of(event.msg);
    switch (event.event) {
      case "route":
        summary.routes.push(event.name === null ? event.kind : `${event.kind}[${event.name}]`);
        break;
      case "drop":
        summary.dropped = true;
        break;
      case "suspend":
        summary.suspended = event.function;
        break;
      case "resume":
        summary.resumed = { route: event.route, rc: event.rc };
        break;
      case "error":
        summary.errors.push(event.text);
        break;
    }
  }

  /** Writes every open summary. */
  flush(): void {
    if (this.flushing !== null) clearImmediate(this.flushing);
    this.flushing = null;
    const summaries = this.pending.splice(0);
    this.byMsg.clear();
    for (const summary of summaries) this.sink({ kind: "message", summary });
  }

  private open(msg: number): MessageSummary {
    const summary: MessageSummary = { msg, routes: [], replies: [], relays: [], dropped: false, errors: [] };
    this.pending.push(summary);
    this.flushing ??= setImmediate(() => this.flush());
    return summary;
  }
}
