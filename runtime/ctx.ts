/**
 * The per-run context every route, accessor and function receives: the message state (message,
 * AVPs, flags, `$du`), the transaction, `$rc`, exit/drop state, the route call stack with its
 * `$param`s and `$return`s, the worker (whose `$var`s are shared by every message it handles)
 * and the engine (script, environment, shared `$shv`s, log levels).
 *
 * A new Ctx is made for each top-level run: a received message, a resume route, a launch
 * report, a timer or event route.
 */
import type { EngineCore } from "./engine-core.ts";
import type { Peer } from "./env/types.ts";
import { levelName, type LogLevel } from "./log-level.ts";
import type { MessageState } from "./message-state.ts";
import type { RouteKind } from "./script.ts";
import type { ScriptTrace } from "./script-trace.ts";
import { buildReply, type ReplyOptions } from "./sip/reply.ts";
import type { SipMessage } from "./sip/message.ts";
import type { Transaction } from "./transaction.ts";
import type { Value } from "./value.ts";

const NO_EVENT_PARAMS: ReadonlyMap<string, Value> = new Map();

/** A process of the engine: its `$var`s live as long as it does and are never reset (spec §8.4). */
export interface Worker {
  readonly index: number;
  readonly vars: Map<string, Value>;
}

/** One level of the route call stack. */
export interface RouteFrame {
  readonly kind: RouteKind;
  /** The route's name; null for the unnamed block of its kind (the main route, the global onreply_route…). */
  readonly name: string | null;
  /** `$param(1)` … of this level. */
  readonly params: readonly Value[];
}

export class Ctx {
  /** `$rc` / `$retcode`: the return code of the last action. */
  rc = 1;
  /** Set by exit/drop/return(0)/an action returning 0: every enclosing route unwinds. */
  exited = false;
  /** Set by drop: the route kind's default action is cancelled (a branch is not sent…). */
  dropped = false;
  /** The stack of an exception that ended the run (with source maps on, its frames name `.cfg` lines). */
  failure: string | null = null;
  /** Innermost last; the first frame is the top-level route of this run. */
  readonly routeStack: RouteFrame[] = [];
  /** `$return(i)`: the extra values of the most recently finished route. */
  returned: readonly Value[] = [];
  /** The values of the `return(code, v…)` that is ending the current route (route calls move them to `returned`). */
  pendingReturn: readonly Value[] = [];
  /** Set by script_trace(): every action logs a trace line until the run ends. */
  trace: ScriptTrace | null = null;
  /** `$param(name)` in an event route: the event's attributes. */
  eventParams: ReadonlyMap<string, Value> = NO_EVENT_PARAMS;

  constructor(
    readonly engine: EngineCore,
    readonly worker: Worker,
    /** The trace number of the message (0 outside a message). */
    readonly msgId: number,
    /** The kind of the top-level route of this run. */
    readonly kind: RouteKind,
    public state: MessageState,
    public transaction: Transaction | null,
  ) {}

  get msg(): SipMessage {
    return this.state.msg;
  }

  get source(): Peer {
    return this.state.source;
  }

  /** The current call level's `$param`s. */
  get params(): readonly Value[] {
    return this.routeStack.at(-1)?.params ?? [];
  }

  /** A view of this run on another message state (`$(<request>ru)`): same worker, transaction and stack. */
  withState(state: MessageState): Ctx {
    const view = new Ctx(this.engine, this.worker, this.msgId, this.kind, state, this.transaction);
    view.rc = this.rc;
    view.routeStack.push(...this.routeStack);
    view.returned = this.returned;
    view.eventParams = this.eventParams;
    return view;
  }

  /** A core log line, written when `level` is within `log_level`. */
  log(level: LogLevel, text: string): void {
    if (level <= this.engine.logLevel) this.engine.env.log({ msg: this.msgId, level: levelName(level), text });
  }

  /** An xlog line, written when `level` is within `xlog_level` (or `log_level` when that is unset). */
  xlog(level: LogLevel, text: string): void {
    if (level <= (this.engine.xlogLevel ?? this.engine.logLevel)) {
      this.engine.env.log({ msg: this.msgId, level: levelName(level), text });
    }
  }

  /** Sends a reply to the message's sender (sl/tm build on this); records it on the transaction. */
  sendReply(code: number, reason: string, options: ReplyOptions = {}): void {
    const source = this.state.forceRport ? { ...this.source, forceRport: true } : this.source;
    const text = buildReply(this.msg, code, reason, options.source === undefined ? { ...options, source } : options);
    if (this.transaction !== null) this.transaction.replyCode = code;
    this.engine.env.sendReply({ msg: this.msgId, code, reason, to: this.source, text });
  }

  /** Sends `message` (by default the one being processed, as changed) to `dst`: by default `$du`, else its Request-URI. */
  relay(message: SipMessage = this.msg, dst?: string): void {
    const ruri = message.ruri ?? "";
    this.engine.env.relay({ msg: this.msgId, ruri, dst: dst ?? this.state.dstUri ?? ruri, text: message.toString() });
  }
}
