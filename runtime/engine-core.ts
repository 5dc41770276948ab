/**
 * What every run of one engine shares: the script, the environment, the settings read from the
 * script's globals, the shared `$shv` store, the flag names, the route names and the work in
 * flight (suspended transactions, launched operations) that `idle()` waits for.
 */
import { reportingSends, type SentListener } from "./env/sent.ts";
import type { Environment } from "./env/types.ts";
import { FlagNames } from "./flags.ts";
import { L_NOTICE } from "./log-level.ts";
import { globalValue, type RouteFn, type RouteKind, type Script } from "./script.ts";
import type { Ctx, Worker } from "./ctx.ts";
import type { ModuleImpl } from "./functions.ts";
import type { Transaction } from "./transaction.ts";
import type { Value } from "./value.ts";

/** An event raised through the Event Interface (engine.raiseEvent, the script's raise_event). */
export interface RaisedEvent {
  readonly name: string;
  readonly params: ReadonlyMap<string, Value>;
  /** The worker that raised it (event_routing runs its notification routes there). */
  readonly worker: Worker;
}

export interface RouteName {
  readonly kind: RouteKind;
  /** null for the unnamed block of its kind (main route, global onreply_route, error_route…). */
  readonly name: string | null;
}

const MAPPED_KINDS = ["request", "failure", "onreply", "branch", "event"] as const;
const SINGLE_KINDS = ["error", "local", "startup"] as const;

export class EngineCore {
  /** log_level: lines of a level above it are not written. */
  logLevel: number;
  /** xlog_level; null: xlog follows log_level. */
  xlogLevel: number | null;
  /** The level of xlog without a level argument (xlog_print_level). */
  readonly xlogPrintLevel: number;
  readonly maxWhileLoops: number;
  readonly enableAsserts: boolean;
  readonly abortOnAssert: boolean;
  /** `$shv`: shared by every worker. */
  readonly shv = new Map<string, Value>();
  readonly messageFlags = new FlagNames();
  readonly branchFlags = new FlagNames();
  /** Called for every new transaction (tm indexes them). */
  readonly transactionListeners: ((tx: Transaction, ctx: Ctx) => void)[] = [];
  /**
   * The transaction module's way to get a request's transaction (tm: `transactionFor`): the
   * existing one, "retransmission" when the request repeats one (tm has answered it), a new one,
   * or null when the request cannot have one. Null without tm: async() then creates a bare one.
   */
  transactionFinder: ((ctx: Ctx) => Transaction | "retransmission" | null) | null = null;
  /** Called for every received reply after the global onreply_route (tm matches it to its transaction). */
  readonly replyListeners: ((ctx: Ctx) => void)[] = [];
  /** Called for every reply and request sent, after the environment took it (tracer). */
  readonly sentListeners: SentListener[] = [];
  /** Called for every event raised, after its event_route (event_routing's subscriptions). */
  readonly eventListeners: ((event: RaisedEvent) => void)[] = [];
  /** The environment; what it sends also reaches `sentListeners`. */
  readonly env: Environment;
  /** Per-module engine-wide data, keyed by module name. */
  readonly moduleData = new Map<string, unknown>();
  /** Start-up time in seconds ($TS). */
  readonly startTime: number;
  private readonly routeNames = new Map<RouteFn, RouteName>();
  /** Suspended transactions and launched operations not finished yet. */
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private lastTransactionId = 0;
  private lastMessageId = 0;

  constructor(
    readonly script: Script,
    env: Environment,
    /** The module implementations functions resolve to. */
    readonly modules: readonly ModuleImpl[],
  ) {
    this.env = reportingSends(env, this.sentListeners);
    this.logLevel = intSetting(script, "log_level") ?? L_NOTICE;
    this.xlogLevel = intSetting(script, "xlog_level");
    this.xlogPrintLevel = intSetting(script, "xlog_print_level") ?? L_NOTICE;
    this.maxWhileLoops = intSetting(script, "max_while_loops") ?? 10000;
    this.enableAsserts = (intSetting(script, "enable_asserts") ?? 0) !== 0;
    this.abortOnAssert = (intSetting(script, "abort_on_assert") ?? 0) !== 0;
    this.startTime = Math.floor(env.now() / 1000);
    for (const kind of MAPPED_KINDS) {
      for (const [name, fn] of script.routes[kind]) this.routeNames.set(fn, { kind, name: name === "" ? null : name });
    }
    for (const kind of SINGLE_KINDS) {
      const fn = script.routes[kind];
      if (fn !== null) this.routeNames.set(fn, { kind, name: null });
    }
    for (const timer of script.routes.timer) this.routeNames.set(timer.route, { kind: "timer", name: timer.name });
  }

  /** The kind and name a route function was defined with; a function not in the script counts as a sub-route. */
  routeName(fn: RouteFn): RouteName {
    return this.routeNames.get(fn) ?? { kind: "request", name: fn.name };
  }

  nextTransactionId(): number {
    return ++this.lastTransactionId;
  }

  nextMessageId(): number {
    return ++this.lastMessageId;
  }

  /** Counts a piece of work until `workFinished()`; idle() waits for it. */
  workStarted(): void {
    this.inFlight++;
  }

  workFinished(): void {
    if (--this.inFlight > 0) return;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** Keeps `work` counted until it settles; `work` must not reject. */
  track(work: Promise<unknown>): void {
    this.workStarted();
    void work.finally(() => this.workFinished());
  }

  /** Resolves once nothing is in flight, including work started while waiting. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

function intSetting(script: Script, name: string): number | null {
  const value = globalValue(script, name);
  if (typeof value === "number") return value;
  if (value === undefined) return null;
  if (/^(yes|true|on|enable)$/i.test(value)) return 1;
  if (/^(no|false|off|disable)$/i.test(value)) return 0;
  return /^-?[0-9]+$/.test(value) ? Number(value) : null;
}
