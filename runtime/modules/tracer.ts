/**
 * tracer: trace(trace_id[, scope[, type[, trace_attrs[, flags[, correlation_id]]]]]) stores the
 * message being processed — and, for a transaction or a dialog, every message of it received or
 * sent (tracer-follow.ts) — in the destinations of the trace id: `sip_trace` rows in a database
 * (SQLite or PostgreSQL, tracer-output.ts) or syslog lines. trace() returns 1, -1 when the
 * current message could not be stored or the call is wrong.
 *
 * As in OpenSIPS without proto_hep, `type` is not used (SIP is always traced) and
 * `correlation_id` only matters to HEP. A trace id with a destination the runtime cannot serve
 * (hep:, sip:, file:, an unsupported database) is refused: trace() logs why and returns -1.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { ensureDialog } from "./dialog.ts";
import { recordRow, onReplyReceived, onSent, onTransaction } from "./tracer-follow.ts";
import { writeRow } from "./tracer-output.ts";
import { receivedRow } from "./tracer-rows.ts";
import { dialogModuleLoaded, effectiveScope, parseScope, parseSides, type Scope } from "./tracer-scope.ts";
import type { TraceInstance, TraceSession } from "./tracer-sessions.ts";
import { initTracerState, tracerState, type TracerState } from "./tracer-state.ts";

function failure(ctx: Ctx, text: string): -1 {
  ctx.log(L_ERR, `ERROR:tracer:trace: ${text}`);
  return -1;
}

/** The session following the message of `ctx` (its transaction's, else its own), created when there is none. */
function sessionOf(ctx: Ctx, state: TracerState): TraceSession {
  const { sessions } = state;
  const tx = ctx.transaction;
  const existing = (tx === null ? null : sessions.ofTransaction(tx)) ?? sessions.ofMessage(ctx.msgId);
  if (existing !== null) return existing;
  const session = sessions.create([], "caller", false);
  sessions.link(ctx.msgId, session);
  if (tx !== null) {
    if (tx.msgId !== ctx.msgId) sessions.link(tx.msgId, session);
    sessions.bind(tx, session);
  }
  return session;
}

/** Transaction or dialog tracing of the message of `ctx`: its session; null when its dialog cannot be created. */
function follow(ctx: Ctx, state: TracerState, instance: TraceInstance, scope: Scope): TraceSession | null {
  const session = sessionOf(ctx, state);
  session.instances.push(instance);
  if (scope !== "dialog") return session;
  const dialog = ensureDialog(ctx);
  if (dialog === null) return null;
  session.dialog = true;
  state.sessions.byDialog.set(dialog, session);
  return session;
}

function trace(ctx: Ctx, [tidArg, scopeArg, , attrsArg, flagsArg]: readonly Arg[]): number {
  const state = tracerState(ctx.engine);
  if (state === null) return failure(ctx, "the tracer module is not initialised");
  const tid = textArg(tidArg) ?? "";
  const destinations = state.ids.get(tid);
  if (destinations === undefined) return failure(ctx, `Trace id <${tid}> used in trace() function not defined!`);
  const unsupported = destinations.find((d) => d.kind === "unsupported");
  if (unsupported?.kind === "unsupported") return failure(ctx, `trace id <${tid}>: cannot trace to <${unsupported.uri}>: ${unsupported.reason}`);
  const requested = parseScope(textArg(scopeArg));
  if (requested !== null && typeof requested === "object") return failure(ctx, `scope parsing failed: ${requested.error}`);
  if (requested === "dialog" && !dialogModuleLoaded(ctx)) return failure(ctx, "Dialog tracing explicitly required, but dialog module not loaded");
  const sides = parseSides(textArg(flagsArg));
  if ("error" in sides) return failure(ctx, `flag parsing failed: ${sides.error}`);
  if (!state.traceOn) return 1;

  const instance: TraceInstance = { destinations, attrs: textArg(attrsArg) ?? "", sides };
  const scope = effectiveScope(ctx, requested);
  const row = receivedRow(ctx.engine, ctx.msg, ctx.source, state.localIp, "current");
  if (scope === "message") return writeRow(ctx.engine, state.output, destinations, row, instance.attrs, ctx.msgId) ? 1 : -1;
  const session = follow(ctx, state, instance, scope);
  if (session === null) return failure(ctx, "failed to create dialog!");
  return recordRow(ctx.engine, state, [instance], session.upstream, row, ctx.msgId) ? 1 : -1;
}

export const tracer: ModuleImpl = {
  name: "tracer",
  functions: new Map<string, FunctionImpl>([["trace", { call: trace }]]),
  init(engine) {
    const state = initTracerState(engine);
    engine.sentListeners.push((sent) => onSent(engine, state, sent));
    // First in line: a received message is recorded before tm acts on it (relays a reply, answers 100).
    engine.replyListeners.unshift((ctx) => onReplyReceived(state, ctx));
    engine.transactionListeners.unshift((tx, ctx) => onTransaction(state, tx, ctx));
  },
};
