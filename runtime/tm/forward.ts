/**
 * t_relay: forwarding a request statefully (t_forward_nonack). The request goes to its current
 * Request-URI, via `$du` when set, else the outbound proxy given to t_relay; each branch first
 * runs the armed branch_route (which may change it or drop it), then gets the proxy's Via and
 * is sent. The transaction's replies are handled in replies.ts.
 */
import { Ctx } from "../ctx.ts";
import { runTopLevel } from "../driver.ts";
import { L_ERR } from "../log-level.ts";
import { MessageState } from "../message-state.ts";
import type { Transaction } from "../transaction.ts";
import { setBranchOfState } from "./branch-context.ts";
import { isSendableDestination } from "./destination.ts";
import { armFinalResponseTimer } from "./fr-timer.ts";
import { branchId } from "./keys.ts";
import { localVia } from "./local-via.ts";
import { tmEngine, tmOf, type TmBranch, type TmTransaction } from "./state.ts";
import { replyOnTransaction } from "./uas.ts";

/** t_relay's error codes (t_relay_inerr2scripterr). */
export const RELAY_NO_DESTINATION = -3;
export const RELAY_BAD_DESTINATION = -4;

/** The reply tm sends when no branch could be sent (kill_transaction with E_UNSPEC). */
const NOTHING_SENT = { code: 500, reason: "Server error occurred (1/TM)" } as const;

/**
 * Sends the request of `ctx` on a new branch of `tx`. Returns 1 when the request was handed to
 * its branches — also when a branch_route dropped them all: then tm answers 500 once the script
 * is over, as OpenSIPS does.
 */
export function forwardOnTransaction(ctx: Ctx, tx: Transaction, proxy: string | null): number {
  const tm = tmOf(tx);
  if (tm === null) return -1;
  if (tm.cancelled) {
    ctx.log(L_ERR, "ERROR:tm:t_forward_nonack: discarding fwd for a cancelled transaction");
    return RELAY_NO_DESTINATION;
  }
  const ruri = ctx.msg.ruri;
  if (ruri === null) return -1;
  const dst = ctx.state.dstUri ?? proxy ?? ruri;
  if (!isSendableDestination(dst)) {
    ctx.log(L_ERR, `ERROR:tm:t_forward_nonack: bad destination <${dst}>`);
    return RELAY_BAD_DESTINATION;
  }
  tm.firstBranch = tm.branches.length;
  const sent = sendBranch(ctx, tx, tm, proxy);
  if (!sent && ctx.kind === "request") queueMicrotask(() => replyWhenNothingSent(ctx, tx, tm));
  return 1;
}

/** Builds, routes and sends one branch; false when its branch_route dropped it. */
function sendBranch(ctx: Ctx, tx: Transaction, tm: TmTransaction, proxy: string | null): boolean {
  const state = branchState(ctx);
  const branch: TmBranch = {
    index: tm.branches.length,
    branchId: branchId(tm.key, tm.branches.length),
    request: state.msg,
    dst: "",
    lastReceived: 0,
    finalReply: null,
    onReply: null,
    cancelPending: false,
    timer: null,
  };
  setBranchOfState(state, branch);
  const branchRoute = tm.armed.branch === null ? undefined : ctx.engine.script.routes.branch.get(tm.armed.branch);
  if (branchRoute !== undefined) {
    const run = new Ctx(ctx.engine, ctx.worker, tx.msgId, "branch", state, tx);
    runTopLevel(run, branchRoute);
    ctx.state.flags = state.flags;
    if (run.dropped) return false;
  }
  branch.dst = state.dstUri ?? proxy ?? state.msg.ruri ?? "";
  state.msg.addVia(localVia(ctx.engine, state, branch.branchId));
  tm.branches.push(branch);
  tmEngine(ctx.engine).byBranchId.set(branch.branchId, { tx, branch });
  ctx.engine.env.relay({ msg: tx.msgId, ruri: state.msg.ruri ?? "", dst: branch.dst, text: state.msg.toString() });
  armFinalResponseTimer(ctx.engine, ctx.worker, tx, branch);
  return true;
}

/** The message of one branch: a copy of the request as the script left it, sharing its AVPs. */
function branchState(ctx: Ctx): MessageState {
  const from = ctx.state;
  const state = new MessageState(from.msg.clone(), from.source);
  state.avps = from.avps;
  state.flags = from.flags;
  state.branchFlags = from.branchFlags;
  state.dstUri = from.dstUri;
  state.forceRport = from.forceRport;
  state.advertisedAddress = from.advertisedAddress;
  state.advertisedPort = from.advertisedPort;
  return state;
}

function replyWhenNothingSent(ctx: Ctx, tx: Transaction, tm: TmTransaction): void {
  if (!tm.finalReplied && tm.pendingBranches.length === 0) replyOnTransaction(ctx, tx, NOTHING_SENT.code, NOTHING_SENT.reason);
}
