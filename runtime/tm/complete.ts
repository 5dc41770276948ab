/**
 * What happens when the branches of the latest t_relay have a winning final reply and none was a
 * 2xx (winning-branch.ts: every branch is final, or one got a 6xx): the armed failure_route runs
 * on the original request (its Request-URI as received, `$du` unset, no extra branches, the
 * transaction's AVPs and flags); unless it sent new branches or a reply of its own, the winning
 * reply is relayed upstream.
 */
import { Ctx, type Worker } from "../ctx.ts";
import { runTopLevel } from "../driver.ts";
import type { EngineCore } from "../engine-core.ts";
import type { MessageState } from "../message-state.ts";
import type { Transaction } from "../transaction.ts";
import { tmOf, type TmTransaction } from "./state.ts";
import { relayUpstream } from "./uas.ts";
import { winningBranch } from "./winning-branch.ts";

export function completeIfDone(engine: EngineCore, worker: Worker, tx: Transaction): void {
  const tm = tmOf(tx);
  if (tm === null || tm.finalReplied) return;
  const winner = winningBranch(engine, tm);
  if (winner === null || winner.finalReply === null) return;
  tm.pickedBranch = winner.index;
  tx.replyState = winner.finalReply;
  const failureRoute = tm.armed.failure === null ? undefined : engine.script.routes.failure.get(tm.armed.failure);
  tm.armed.failure = null;
  if (failureRoute !== undefined) {
    const branchCount = tm.branches.length;
    runTopLevel(new Ctx(engine, worker, tx.msgId, "failure", failureState(tx, tm), tx), failureRoute);
    if (tm.finalReplied || tm.branches.length > branchCount) return;
  }
  relayUpstream(engine, tx, winner.finalReply.msg);
}

/** The failure_route's message: the request as the transaction stored it, with its received R-URI and no `$du`. */
function failureState(tx: Transaction, tm: TmTransaction): MessageState {
  const msg = tx.state.msg.clone();
  msg.setRuri(tm.receivedRuri);
  return tx.state.derive(msg);
}
