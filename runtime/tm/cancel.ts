/**
 * A CANCEL relayed by the script for an INVITE transaction tm knows (cancel_invite): the CANCEL
 * is answered `200 canceling` at once, branches that had a provisional reply are cancelled
 * downstream, and branches with no reply at all end with a 487 of tm's own — so the INVITE
 * completes (failure_route, where t_was_cancelled() is true) and the caller gets its 487.
 */
import type { Ctx } from "../ctx.ts";
import type { Transaction } from "../transaction.ts";
import { ORIGINATOR_CANCEL, sendCancel } from "./cancel-branches.ts";
import { completeIfDone } from "./complete.ts";
import { endBranchLocally } from "./local-final.ts";
import { tmOf } from "./state.ts";
import { replyOnTransaction } from "./uas.ts";

const CANCELING = "canceling";
const TERMINATED = 487;

export function cancelInvite(ctx: Ctx, cancelTx: Transaction, invite: Transaction): void {
  const tm = tmOf(invite);
  if (tm === null) return;
  tm.cancelled = true;
  replyOnTransaction(ctx, cancelTx, 200, CANCELING);
  for (const branch of tm.pendingBranches) {
    if (branch.lastReceived >= 100) sendCancel(ctx.engine, ctx.msgId, branch, ORIGINATOR_CANCEL);
    else endBranchLocally(branch, invite, TERMINATED);
  }
  completeIfDone(ctx.engine, ctx.worker, invite);
}
