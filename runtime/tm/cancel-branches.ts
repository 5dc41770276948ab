/**
 * CANCELs tm sends downstream (RFC 3261 §9.1, §16.10): for every branch still pending when the
 * transaction gets a final answer or is cancelled from upstream. A branch that has had no reply
 * yet may only be cancelled once a provisional reply arrives, so it is marked and cancelled then.
 */
import type { EngineCore } from "../engine-core.ts";
import { buildCancel } from "../sip/ack-cancel.ts";
import type { Transaction } from "../transaction.ts";
import { tmOf, type TmBranch } from "./state.ts";

/** The Reason tm puts in a CANCEL it sends because the caller cancelled. */
export const ORIGINATOR_CANCEL = 'Reason: SIP;cause=487;text="ORIGINATOR_CANCEL"\r\n';

/** Cancels every pending branch of `tx` (now or at its first provisional reply). */
export function cancelPendingBranches(engine: EngineCore, tx: Transaction, msgId: number, reason = ""): void {
  const tm = tmOf(tx);
  if (tm === null || tm.method !== "INVITE") return;
  for (const branch of tm.pendingBranches) {
    if (branch.lastReceived >= 100) sendCancel(engine, msgId, branch, reason);
    else branch.cancelPending = true;
  }
}

/** Sends the CANCEL of one branch (its reply is absorbed by tm). */
export function sendCancel(engine: EngineCore, msgId: number, branch: TmBranch, reason = ""): void {
  branch.cancelPending = false;
  const text = buildCancel(branch.request, reason);
  engine.env.relay({ msg: msgId, ruri: branch.request.ruri ?? "", dst: branch.dst, text });
}
