/**
 * t_relay: forwarding a request statefully (t_forward_nonack). The request forks to its current
 * Request-URI branch and to every branch of its destination set (dset.ts), which t_relay
 * consumes: each branch is a copy of the request with that branch's URI, `$du`, branch flags and
 * Path; it runs the armed branch_route once (which may change it or drop it), gets the proxy's Via
 * with its own branch id, and goes to its `$du`, else the outbound proxy given to t_relay, else
 * its URI. The branches of one t_relay compete for the winning reply (replies.ts, complete.ts).
 */
import { Ctx } from "../ctx.ts";
import { runTopLevel } from "../driver.ts";
import { ruriBranch, setRuriQ, takeBranches, type DsetBranch } from "../dset.ts";
import { L_ERR, L_INFO } from "../log-level.ts";
import type { MessageState } from "../message-state.ts";
import type { Transaction } from "../transaction.ts";
import { setBranchOfState } from "./branch-context.ts";
import { isSendableDestination } from "./destination.ts";
import { armFinalResponseTimer } from "./fr-timer.ts";
import { branchId } from "./keys.ts";
import { localVia } from "./local-via.ts";
import { tmEngine, tmOf, type TmBranch, type TmTransaction } from "./state.ts";
import { replyOnTransaction } from "./uas.ts";
import { globalFailure } from "./winning-branch.ts";

/** t_relay's error codes (t_relay_inerr2scripterr). */
export const RELAY_NO_DESTINATION = -3;
export const RELAY_BAD_DESTINATION = -4;

/** The reply tm sends when no branch could be sent (kill_transaction with E_UNSPEC). */
const NOTHING_SENT = { code: 500, reason: "Server error occurred (1/TM)" } as const;

type Outcome = "sent" | "dropped" | "bad destination";

/**
 * Sends the request of `ctx` on new branches of `tx`, one per destination. Returns 1 when the
 * request was handed to its branches — also when branch_routes dropped them all: then tm answers
 * 500 once the script is over, as OpenSIPS does; RELAY_BAD_DESTINATION when no branch had a
 * destination it could be sent to.
 */
export function forwardOnTransaction(ctx: Ctx, tx: Transaction, proxy: string | null): number {
  const tm = tmOf(tx);
  if (tm === null) return -1;
  if (tm.cancelled) {
    ctx.log(L_ERR, "ERROR:tm:t_forward_nonack: discarding fwd for a cancelled transaction");
    return RELAY_NO_DESTINATION;
  }
  if (globalFailure(ctx.engine, tm) !== null) {
    ctx.log(L_INFO, "INFO:tm:t_forward_nonack: discarding fwd for a 6xx transaction");
    return RELAY_NO_DESTINATION;
  }
  if (ctx.msg.ruri === null) return -1;
  const destinations = [ruriBranch(ctx.state), ...takeBranches(ctx.state)];
  tm.firstBranch = tm.branches.length;
  const outcomes = destinations.map((destination) => sendBranch(ctx, tx, tm, destination, proxy));
  if (outcomes.every((o) => o === "bad destination")) return RELAY_BAD_DESTINATION;
  if (!outcomes.includes("sent") && ctx.kind === "request") queueMicrotask(() => replyWhenNothingSent(ctx, tx, tm));
  return 1;
}

/** Builds, routes and sends one branch. */
function sendBranch(ctx: Ctx, tx: Transaction, tm: TmTransaction, destination: DsetBranch, proxy: string | null): Outcome {
  const state = branchState(ctx, destination);
  if (state === null) {
    ctx.log(L_ERR, `ERROR:tm:add_uac: bad branch URI <${destination.uri}>`);
    return "bad destination";
  }
  const branch: TmBranch = {
    index: tm.branches.length,
    branchId: branchId(tm.key, tm.branches.length),
    request: state.msg,
    dst: "",
    lastReceived: 0,
    finalReply: null,
    finalReplyFaked: false,
    receivedReply: false,
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
    if (run.dropped) return "dropped";
  }
  const dst = state.dstUri ?? proxy ?? state.msg.ruri ?? "";
  if (!isSendableDestination(dst)) {
    ctx.log(L_ERR, `ERROR:tm:t_forward_nonack: bad destination <${dst}>`);
    return "bad destination";
  }
  branch.dst = dst;
  for (const listener of tm.forwardListeners) listener(state, state.sendSocket);
  if (destination.path !== null) state.msg.insertHeader(`Route: ${destination.path}\r\n`);
  state.msg.addVia(localVia(ctx.engine, state, branch.branchId, state.sendSocket));
  tm.branches.push(branch);
  tmEngine(ctx.engine).byBranchId.set(branch.branchId, { tx, branch });
  ctx.engine.env.relay({ msg: tx.msgId, ruri: state.msg.ruri ?? "", dst: branch.dst, text: state.msg.toString() });
  armFinalResponseTimer(ctx.engine, ctx.worker, tx, branch);
  return "sent";
}

/**
 * The message of one branch: a copy of the request as the script left it, sharing its AVPs, with
 * the destination's URI, `$du`, q and branch flags; null when the URI does not parse.
 */
function branchState(ctx: Ctx, destination: DsetBranch): MessageState | null {
  const msg = ctx.state.msg.clone();
  if (destination.uri !== msg.ruri && !msg.setRuri(destination.uri)) return null;
  const state = ctx.state.derive(msg);
  state.branchFlags = destination.flags;
  state.dstUri = destination.dstUri;
  state.sendSocket = destination.socket;
  setRuriQ(state, destination.q);
  return state;
}

function replyWhenNothingSent(ctx: Ctx, tx: Transaction, tm: TmTransaction): void {
  if (!tm.finalReplied && tm.pendingBranches.length === 0) replyOnTransaction(ctx, tx, NOTHING_SENT.code, NOTHING_SENT.reason);
}
