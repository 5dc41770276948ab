/**
 * Replies received from downstream (tm's reply_received), after the global onreply_route: matched
 * to their branch by the Via branch tm gave it, they run the armed onreply_route, then
 * provisional replies (above 100) are relayed upstream unless dropped, a 2xx is relayed at once
 * and cancels the other branches, and a negative final reply completes its branch (an INVITE's
 * is acknowledged downstream; a 6xx cancels the other branches) — completeIfDone decides whether
 * the transaction has its winning reply.
 */
import { Ctx } from "../ctx.ts";
import { runTopLevel } from "../driver.ts";
import type { EngineCore } from "../engine-core.ts";
import { buildAck } from "../sip/ack-cancel.ts";
import type { Transaction } from "../transaction.ts";
import { setBranchOfState } from "./branch-context.ts";
import { cancelPendingBranches, sendCancel } from "./cancel-branches.ts";
import { completeIfDone } from "./complete.ts";
import { armFinalResponseTimer, stopFinalResponseTimer } from "./fr-timer.ts";
import { topBranch } from "./keys.ts";
import { tmEngine, tmOf, type TmBranch, type TmTransaction } from "./state.ts";
import { relayUpstream } from "./uas.ts";
import { sixxBlocksForking } from "./winning-branch.ts";

export function onDownstreamReply(ctx: Ctx): void {
  const id = topBranch(ctx.msg);
  const ref = id === null ? undefined : tmEngine(ctx.engine).byBranchId.get(id);
  if (ref === undefined) return;
  const { tx, branch } = ref;
  const tm = tmOf(tx);
  const code = ctx.msg.statusCode;
  // The replies to tm's own CANCELs carry the branch's Via too: they end there.
  if (tm === null || code === null || ctx.msg.cseq?.method !== tm.method) return;
  branch.receivedReply = true;
  if (branch.finalReply !== null) {
    if (isInvite2xx(tm, code)) relayUpstream(ctx.engine, tx, ctx.msg);
    return;
  }
  setBranchOfState(ctx.state, branch);
  const dropped = runArmedReplyRoute(ctx, tx, tm, branch);
  if (code < 200) {
    onProvisional(ctx.engine, tx, tm, branch, code, dropped, ctx);
    return;
  }
  branch.lastReceived = code;
  branch.finalReply = ctx.state;
  stopFinalResponseTimer(branch);
  if (code < 300) {
    if (!tm.finalReplied || isInvite2xx(tm, code)) relayUpstream(ctx.engine, tx, ctx.msg);
    cancelPendingBranches(ctx.engine, tx, ctx.msgId);
    return;
  }
  if (tm.method === "INVITE") {
    ctx.engine.env.relay({ msg: ctx.msgId, ruri: branch.request.ruri ?? "", dst: branch.dst, text: buildAck(branch.request, ctx.msg) });
  }
  if (code >= 600 && !tm.finalReplied && sixxBlocksForking(ctx.engine)) cancelPendingBranches(ctx.engine, tx, ctx.msgId);
  completeIfDone(ctx.engine, ctx.worker, tx);
}

function isInvite2xx(tm: TmTransaction, code: number): boolean {
  return tm.method === "INVITE" && code >= 200 && code < 300;
}

/** The onreply_route armed for the branch or the transaction; true when it dropped the reply. */
function runArmedReplyRoute(ctx: Ctx, tx: Transaction, tm: TmTransaction, branch: TmBranch): boolean {
  const name = branch.onReply ?? tm.armed.reply;
  const route = name === null ? undefined : ctx.engine.script.routes.onreply.get(name);
  if (route === undefined) return false;
  if (tmEngine(ctx.engine).onreplyAvpMode) ctx.state.avps = tx.state.avps;
  const run = new Ctx(ctx.engine, ctx.worker, ctx.msgId, "onreply", ctx.state, tx);
  runTopLevel(run, route);
  return run.dropped;
}

function onProvisional(engine: EngineCore, tx: Transaction, tm: TmTransaction, branch: TmBranch, code: number, dropped: boolean, ctx: Ctx): void {
  branch.lastReceived = Math.max(branch.lastReceived, code);
  if (tm.method === "INVITE") armFinalResponseTimer(engine, ctx.worker, tx, branch);
  if (branch.cancelPending) sendCancel(engine, ctx.msgId, branch);
  if (code > 100 && !dropped && !tm.finalReplied) relayUpstream(engine, tx, ctx.msg);
}
