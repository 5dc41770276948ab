/**
 * What happens when every branch of the latest t_relay has a final reply and none was a 2xx:
 * the lowest final reply wins (t_pick_branch); the armed failure_route runs on the original
 * request (its Request-URI as received, `$du` unset, the transaction's AVPs and flags); unless it
 * sent new branches or a reply of its own, the winning reply is relayed upstream.
 */
import { Ctx, type Worker } from "../ctx.ts";
import { runTopLevel } from "../driver.ts";
import type { EngineCore } from "../engine-core.ts";
import { MessageState } from "../message-state.ts";
import type { Transaction } from "../transaction.ts";
import { tmOf, type TmBranch, type TmTransaction } from "./state.ts";
import { relayUpstream } from "./uas.ts";

export function completeIfDone(engine: EngineCore, worker: Worker, tx: Transaction): void {
  const tm = tmOf(tx);
  if (tm === null || tm.finalReplied || tm.pendingBranches.length > 0) return;
  const winner = pickBranch(tm);
  if (winner === null || winner.finalReply === null) return;
  tm.pickedBranch = winner.index;
  tx.replyState = winner.finalReply;
  const failureRoute = tm.armed.failure === null ? undefined : engine.script.routes.failure.get(tm.armed.failure);
  tm.armed.failure = null;
  if (failureRoute !== undefined) {
    runTopLevel(new Ctx(engine, worker, tx.msgId, "failure", failureState(tx, tm), tx), failureRoute);
    if (tm.finalReplied || tm.pendingBranches.length > 0) return;
  }
  relayUpstream(engine, tx, winner.finalReply.msg);
}

/** The branch with the lowest final status among those of the latest t_relay. */
function pickBranch(tm: TmTransaction): TmBranch | null {
  let best: TmBranch | null = null;
  for (const branch of tm.branches.slice(tm.firstBranch)) {
    if (best === null || branch.lastReceived < best.lastReceived) best = branch;
  }
  return best;
}

/** The failure_route's message: the request as the transaction stored it, with its received R-URI and no `$du`. */
function failureState(tx: Transaction, tm: TmTransaction): MessageState {
  const request = tx.state;
  const msg = request.msg.clone();
  msg.setRuri(tm.receivedRuri);
  const state = new MessageState(msg, request.source);
  state.avps = request.avps;
  state.flags = request.flags;
  state.branchFlags = request.branchFlags;
  state.forceRport = request.forceRport;
  return state;
}
