/**
 * What transaction and dialog tracing follow (OpenSIPS's trace info with its instances): a
 * session per traced transaction, holding the trace() calls made for it (instances: destinations,
 * trace_attrs, the sides to trace). Messages the engine sends are matched to a session by the
 * trace number they are sent under: the request's (tm sends the transaction's branches and replies
 * under it), and those of the downstream replies matched to the transaction (the ACK or CANCEL
 * tm sends while handling them). A session is forgotten the wait time after its first final
 * reply went upstream, or when it never got one, after the longest an INVITE may ring.
 */
import type { Transaction } from "../transaction.ts";
import type { Dialog } from "./dialog-store.ts";
import type { TraceDestination } from "./tracer-ids.ts";

/** The caller side: the transaction's upstream (request in, replies out); the callee side: its downstream. */
export type Side = "caller" | "callee";

export interface TraceInstance {
  readonly destinations: readonly TraceDestination[];
  readonly attrs: string;
  /** The sides it records (trace()'s C / c flags; both without them). */
  readonly sides: ReadonlySet<Side>;
}

export class TraceSession {
  readonly msgIds: number[] = [];
  timer: NodeJS.Timeout | null = null;

  constructor(
    /** Shared by every transaction of a traced dialog: trace() calls on any of them add to all. */
    readonly instances: TraceInstance[],
    /** The side the transaction's request came from. */
    readonly upstream: Side,
    /** The session follows a dialog: its sequential requests get sessions of their own. */
    public dialog: boolean,
  ) {}

  get downstream(): Side {
    return this.upstream === "caller" ? "callee" : "caller";
  }
}

export interface SessionTiming {
  /** Seconds a session stays after its first final reply (tm's wait time). */
  readonly waitSeconds: number;
  /** Seconds a session without a final reply stays. */
  readonly maxSeconds: number;
}

interface Link {
  readonly session: TraceSession;
  /** Only the requests sent under this trace number belong to the session (the CANCEL a traced INVITE's CANCEL makes tm send). */
  readonly requestsOnly: boolean;
}

export class TraceSessions {
  private readonly byMsgId = new Map<number, Link>();
  private readonly byTransaction = new WeakMap<Transaction, TraceSession>();
  /** The session of each traced dialog's initial INVITE. */
  readonly byDialog = new WeakMap<Dialog, TraceSession>();

  constructor(private readonly timing: SessionTiming) {}

  create(instances: TraceInstance[], upstream: Side, dialog: boolean): TraceSession {
    const session = new TraceSession(instances, upstream, dialog);
    this.forgetAfter(session, this.timing.maxSeconds);
    return session;
  }

  /** Messages sent under `msgId` (all, or only its requests) belong to `session`. */
  link(msgId: number, session: TraceSession, requestsOnly = false): void {
    this.byMsgId.set(msgId, { session, requestsOnly });
    session.msgIds.push(msgId);
  }

  /** The session a message sent under `msgId` belongs to. */
  forSent(msgId: number, kind: "reply" | "request"): TraceSession | null {
    const link = this.byMsgId.get(msgId);
    return link === undefined || (link.requestsOnly && kind === "reply") ? null : link.session;
  }

  /** The session following every message of `msgId` (one trace() made, or a transaction's). */
  ofMessage(msgId: number): TraceSession | null {
    const link = this.byMsgId.get(msgId);
    return link === undefined || link.requestsOnly ? null : link.session;
  }

  bind(tx: Transaction, session: TraceSession): void {
    this.byTransaction.set(tx, session);
  }

  ofTransaction(tx: Transaction): TraceSession | null {
    return this.byTransaction.get(tx) ?? null;
  }

  /** A final reply went upstream: the session ends after the wait time. */
  finalReplySent(session: TraceSession): void {
    this.forgetAfter(session, this.timing.waitSeconds);
  }

  private forgetAfter(session: TraceSession, seconds: number): void {
    if (session.timer !== null) clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      for (const msgId of session.msgIds) if (this.byMsgId.get(msgId)?.session === session) this.byMsgId.delete(msgId);
    }, seconds * 1000);
    session.timer.unref();
  }
}
