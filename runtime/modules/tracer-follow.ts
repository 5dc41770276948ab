/**
 * Following traced transactions and dialogs (OpenSIPS's TMCB_MSG_MATCHED_IN / TMCB_MSG_SENT_OUT
 * and dialog callbacks), through the engine's listeners:
 * - every message sent under a traced trace number (the request's branches, its replies — local,
 *   relayed or stateless —, the ACK / CANCEL tm sends for it) is recorded "out";
 * - every downstream reply matched to a traced transaction is recorded "in", before tm relays it;
 * - a new transaction joins the session of its request; the CANCEL of a traced INVITE makes its
 *   CANCEL downstream part of the INVITE's session (its whole transaction when a dialog is
 *   traced); a sequential request of a traced dialog starts a session of its own, recorded "in".
 * Not followed: retransmissions and hop-by-hop ACKs received (the runtime has no hook for received
 * requests of an existing transaction), requests of a traced dialog handled without a
 * transaction (ACKs of a 2xx, statelessly forwarded requests).
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import type { SentMessage } from "../env/sent.ts";
import { topBranch } from "../tm/keys.ts";
import { findTransaction } from "../tm/lookup.ts";
import { tmEngine } from "../tm/state.ts";
import type { Transaction } from "../transaction.ts";
import { currentDialog } from "./dialog.ts";
import { writeRow } from "./tracer-output.ts";
import { receivedRow, sentRow, type TraceRow } from "./tracer-rows.ts";
import type { Side, TraceInstance } from "./tracer-sessions.ts";
import type { TracerState } from "./tracer-state.ts";

/** Writes `row` for every instance that records `side`; false when a write failed. */
export function recordRow(engine: EngineCore, state: TracerState, instances: readonly TraceInstance[], side: Side, row: TraceRow, msgId: number): boolean {
  let ok = true;
  for (const instance of instances) {
    if (instance.sides.has(side)) ok = writeRow(engine, state.output, instance.destinations, row, instance.attrs, msgId) && ok;
  }
  return ok;
}

export function onSent(engine: EngineCore, state: TracerState, sent: SentMessage): void {
  const out = sent.kind === "reply" ? sent.reply : sent.request;
  const session = state.sessions.forSent(out.msg, sent.kind);
  if (session === null) return;
  const row = sentRow(engine, out.text, sent.kind === "reply" ? sent.reply.to : sent.request.dst, state.localIp);
  if (row === null) return;
  recordRow(engine, state, session.instances, sent.kind === "reply" ? session.upstream : session.downstream, row, out.msg);
  if (sent.kind === "reply" && sent.reply.code >= 200) state.sessions.finalReplySent(session);
}

/** A downstream reply (after the global onreply_route, before tm handles it). */
export function onReplyReceived(state: TracerState, ctx: Ctx): void {
  const branch = topBranch(ctx.msg);
  const ref = branch === null ? undefined : tmEngine(ctx.engine).byBranchId.get(branch);
  const session = ref === undefined ? null : state.sessions.ofTransaction(ref.tx);
  if (session === null) return;
  state.sessions.link(ctx.msgId, session);
  recordRow(ctx.engine, state, session.instances, session.downstream, receivedRow(ctx.engine, ctx.msg, ctx.source, state.localIp, "matched"), ctx.msgId);
}

/** A new transaction (before tm indexes it and answers an INVITE with 100). */
export function onTransaction(state: TracerState, tx: Transaction, ctx: Ctx): void {
  const { sessions } = state;
  const own = sessions.ofMessage(ctx.msgId);
  if (own !== null) {
    sessions.bind(tx, own);
    return;
  }
  if (ctx.msg.method === "CANCEL") {
    const invite = findTransaction(ctx, "INVITE");
    const traced = invite === null ? null : sessions.ofTransaction(invite);
    if (traced === null) return;
    if (!traced.dialog) {
      sessions.link(ctx.msgId, traced, true);
      return;
    }
    startSession(state, tx, ctx, traced.instances, traced.upstream);
    return;
  }
  const dialog = currentDialog(ctx);
  const traced = dialog === null ? undefined : sessions.byDialog.get(dialog);
  if (dialog === null || traced === undefined) return;
  startSession(state, tx, ctx, traced.instances, ctx.msg.fromTag === dialog.fromTag ? "caller" : "callee");
}

/** A transaction of a traced dialog: its request is recorded, its messages followed. */
function startSession(state: TracerState, tx: Transaction, ctx: Ctx, instances: TraceInstance[], upstream: Side): void {
  const session = state.sessions.create(instances, upstream, true);
  state.sessions.link(ctx.msgId, session);
  state.sessions.bind(tx, session);
  recordRow(ctx.engine, state, instances, upstream, receivedRow(ctx.engine, ctx.msg, ctx.source, state.localIp, "current"), ctx.msgId);
}
