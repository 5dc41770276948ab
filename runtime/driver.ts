/**
 * Runs route generators (spec §4.2, §10). A top-level run drives its route with one `next()`:
 * route code is synchronous, so the generator either finishes (its processing is done) or
 * yields an AsyncRequest from an `async()` anywhere down the call chain. Then:
 *
 * - in a route kind that can suspend (request routes; onreply routes of a transaction), the
 *   transaction is created if needed (a retransmission of an existing one ends the script), the message state moves into it, the function's I/O
 *   starts and the run ends: "suspended". When the I/O settles (or its timeout fires), the
 *   resume route runs as a new top-level run of the same kind on the transaction's state, with
 *   `$rc` = the code, the function's outputs written, and the worker's current `$var`s;
 * - when the function completes without I/O, fails to start (`$rc` = -1), or the route kind
 *   cannot suspend (the function then runs blocking), the resume route runs right away, inline.
 *
 * The suspended generator is never resumed. A suspended transaction holds memory only: its
 * state (the request compacted back to its text, AVPs, flags), a SuspendedRun, the function's
 * promise, and one timer when async() gave a timeout.
 */
import { runActive } from "./active.ts";
import { Ctx, type Worker } from "./ctx.ts";
import type { EngineCore } from "./engine-core.ts";
import type { Arg, AsyncDone, AsyncStart, FunctionBinding, FunctionImpl } from "./functions.ts";
import { L_ERR, L_WARN } from "./log-level.ts";
import { MessageState } from "./message-state.ts";
import { dummyMessage } from "./dummy-message.ts";
import type { RouteFn, RouteKind } from "./script.ts";
import type { AsyncRequest } from "./suspend.ts";
import { ensureTransaction, type Transaction } from "./transaction.ts";
import type { Value } from "./value.ts";

export type RunStatus = "finished" | "suspended" | "failed";

type Outcome = number | AsyncDone;

function codeOf(outcome: Outcome): number {
  return typeof outcome === "number" ? outcome : outcome.code;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Reports an exception that escaped route code (an unsupported function, a bug) and ends the run. */
function failed(ctx: Ctx, e: unknown): "failed" {
  ctx.engine.env.event({ msg: ctx.msgId, event: "error", text: describeError(e) });
  ctx.failure = e instanceof Error && e.stack ? e.stack : describeError(e);
  return "failed";
}

/** Runs `route` as the top-level route of `ctx`, with `params` as its `$param`s. */
export function runTopLevel(ctx: Ctx, route: RouteFn, params: readonly Value[] = []): RunStatus {
  const { kind, name } = ctx.engine.routeName(route);
  ctx.routeStack.length = 0;
  ctx.routeStack.push({ kind, name, params });
  ctx.exited = false;
  ctx.engine.env.event({ msg: ctx.msgId, event: "route", kind, name });
  let step: IteratorResult<AsyncRequest, number>;
  try {
    step = runActive(ctx, () => route(ctx).next());
  } catch (e) {
    return failed(ctx, e);
  }
  return step.done ? "finished" : handleAsync(ctx, step.value);
}

/**
 * A run of another route kind inside the current one, on the same message state (error_route
 * after a failed assert); it cannot suspend. The current run's stack and `$rc` are kept.
 */
export function runSubRun(ctx: Ctx, route: RouteFn, kind: RouteKind): RunStatus {
  const sub = new Ctx(ctx.engine, ctx.worker, ctx.msgId, kind, ctx.state, ctx.transaction);
  return runTopLevel(sub, route);
}

/** Whether an async() in this run really suspends (§4.4). */
function canSuspend(ctx: Ctx): boolean {
  if (ctx.msg.method === "ACK") return false;
  return ctx.kind === "request" || (ctx.kind === "onreply" && ctx.transaction !== null);
}

function handleAsync(ctx: Ctx, request: AsyncRequest): RunStatus {
  let impl: FunctionImpl;
  try {
    impl = request.binding.implementation(ctx);
  } catch (e) {
    return failed(ctx, e);
  }
  if (!canSuspend(ctx)) {
    ctx.log(L_WARN, `WARNING:core:async: ${request.binding.functionName}() cannot suspend in a ${ctx.kind} route, running it blocking`);
    let code: number;
    try {
      code = runActive(ctx, () => impl.call(ctx, request.args));
    } catch (e) {
      return failed(ctx, e);
    }
    return resumeInline(ctx, request.resume, code);
  }
  const found = ctx.engine.transactionFinder?.(ctx) ?? null;
  // A retransmission of a request whose transaction exists got its last reply again: the script ends (§10.1).
  if (found === "retransmission") {
    ctx.exited = true;
    return "finished";
  }
  const tx = found ?? ensureTransaction(ctx);
  const name = request.binding.functionName;
  const timeout = impl.timeouts === false ? null : request.timeout;
  const controller = timeout === null ? null : new AbortController();
  const started = startFunction(ctx, impl, name, request.args, controller?.signal ?? NEVER_ABORTED);
  if (!(started instanceof Promise)) return resumeInline(ctx, request.resume, started);

  ctx.engine.env.event({ msg: ctx.msgId, event: "suspend", function: name });
  if (request.timeout !== null && timeout === null) {
    ctx.log(L_ERR, "ERROR:core:async: this function does not support a timeout, waiting for it without one");
  }
  tx.state.msg.compact();
  const suspended = new SuspendedRun(ctx.engine, ctx.worker, ctx.kind, tx, request.resume, impl.timeoutCode ?? -1);
  suspended.wait(started);
  if (timeout !== null) suspended.armTimeout(timeout, controller!);
  return "suspended";
}

/** The signal given to functions whose wait has no timeout. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * What a suspended transaction keeps until its I/O settles: just enough to run the resume route
 * (not the suspended run's context, which is dropped). The first of the I/O and the timeout wins.
 */
class SuspendedRun {
  private timer: NodeJS.Timeout | null = null;
  private settled = false;

  constructor(
    private readonly engine: EngineCore,
    private readonly worker: Worker,
    private readonly kind: RouteKind,
    private readonly tx: Transaction,
    private readonly resume: RouteFn,
    private readonly timeoutCode: number,
  ) {
    engine.workStarted();
  }

  /** (A method, so the callbacks capture only this object, not the suspended run's context.) */
  wait(started: Promise<Outcome>): void {
    started.then(
      (outcome) => this.settle(outcome),
      (e: unknown) => this.fail(e),
    );
  }

  armTimeout(seconds: number, controller: AbortController): void {
    this.timer = setTimeout(() => {
      controller.abort();
      this.settle(this.timeoutCode);
    }, seconds * 1000);
  }

  fail(e: unknown): void {
    this.settle(ioFailed(this.engine, this.tx.msgId, e));
  }

  settle(outcome: Outcome): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer !== null) clearTimeout(this.timer);
    try {
      runContinuation(new Ctx(this.engine, this.worker, this.tx.msgId, this.kind, this.tx.state, this.tx), this.resume, outcome, []);
    } finally {
      this.engine.workFinished();
    }
  }
}

/** Logs a failed I/O; its code is -1. */
function ioFailed(engine: EngineCore, msgId: number, e: unknown): -1 {
  engine.env.log({ msg: msgId, level: "ERROR", text: `ERROR:core:async: I/O failed: ${describeError(e)}` });
  return -1;
}

/** The function's async start; a throw is a start failure (-1). */
function startFunction(ctx: Ctx, impl: FunctionImpl, name: string, args: readonly Arg[], signal: AbortSignal): AsyncStart {
  try {
    return runActive(ctx, () => (impl.start === undefined ? impl.call(ctx, args) : impl.start(ctx, args, signal)));
  } catch (e) {
    ctx.log(L_ERR, `ERROR:core:async: ${name}() failed to start: ${describeError(e)}`);
    return -1;
  }
}

/** The resume route right away, on the same context (the suspended route and its callers are abandoned). */
function resumeInline(ctx: Ctx, resume: RouteFn, outcome: Outcome): RunStatus {
  return runContinuation(ctx, resume, outcome, []);
}

/** A resume or report route: `$rc` = the code, outputs written, then the route as a new top-level run. */
function runContinuation(ctx: Ctx, route: RouteFn, outcome: Outcome, params: readonly Value[]): RunStatus {
  ctx.rc = codeOf(outcome);
  if (typeof outcome !== "number" && outcome.write !== undefined) {
    try {
      runActive(ctx, () => outcome.write!(ctx));
    } catch (e) {
      return failed(ctx, e);
    }
  }
  ctx.engine.env.event({ msg: ctx.msgId, event: "resume", route: ctx.engine.routeName(route).name ?? "", rc: ctx.rc });
  return runTopLevel(ctx, route, params);
}

/**
 * `launch(f(args), report, param)` (§10.3): starts f and returns 1 at once (-1 when it fails
 * to start). When f's I/O finishes, `report` runs as a request route on a dummy message with
 * an empty AVP list, `$rc` = f's code and `$param(1)` = `param`. A function that completes
 * without I/O writes its outputs to the current message and no report route runs.
 */
export function launch(ctx: Ctx, binding: FunctionBinding, args: readonly Arg[], report: RouteFn | null, param: string | null): number {
  const impl = binding.implementation(ctx);
  const started = startFunction(ctx, impl, binding.functionName, args, NEVER_ABORTED);
  if (!(started instanceof Promise)) {
    if (typeof started !== "number") started.write?.(ctx);
    return codeOf(started) < 0 ? -1 : 1;
  }
  const { engine, worker, msgId } = ctx;
  const outcome = started.catch((e: unknown) => ioFailed(engine, msgId, e));
  engine.track(
    outcome.then((outcome) => {
      const reportCtx = new Ctx(engine, worker, msgId, "request", new MessageState(dummyMessage(), { proto: "udp", ip: "127.0.0.1", port: 5060 }), null);
      if (report === null) {
        if (typeof outcome !== "number") runActive(reportCtx, () => outcome.write?.(reportCtx));
        return;
      }
      runContinuation(reportCtx, report, outcome, [param]);
    }),
  );
  return 1;
}
