/**
 * t_cancel_branch([flags]) in an onreply_route (tm.c w_t_cancel_branch), for INVITE transactions:
 * no flag cancels the branch of the reply while that reply is provisional; "a" every pending
 * branch (the reply's own too, unless its reply is final); "o" every pending branch but the
 * reply's. A branch with no reply yet is cancelled as soon as its first provisional reply arrives.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { branchOfState } from "./branch-context.ts";
import { sendCancel } from "./cancel-branches.ts";
import { tmOf, type TmBranch, type TmTransaction } from "./state.ts";

function branchesToCancel(tm: TmTransaction, current: TmBranch, flags: string, provisional: boolean): TmBranch[] {
  if (flags.includes("a")) return tm.pendingBranches.filter((b) => b !== current || provisional);
  if (flags.includes("o")) return tm.pendingBranches.filter((b) => b !== current);
  return provisional ? [current] : [];
}

export function cancelBranch(ctx: Ctx, flags: string | null): number {
  if (flags !== null && !/^[ao]*$/.test(flags)) {
    ctx.log(L_ERR, `ERROR:tm:t_cancel_branch: unknown flags "${flags}" (a, o or none)`);
    return -1;
  }
  const tm = ctx.transaction === null ? null : tmOf(ctx.transaction);
  const current = branchOfState(ctx.state);
  if (tm === null || tm.method !== "INVITE" || current === null || ctx.kind !== "onreply") return -1;
  const provisional = (ctx.msg.statusCode ?? 0) < 200;
  for (const branch of branchesToCancel(tm, current, flags ?? "", provisional)) {
    if (branch.lastReceived >= 100) sendCancel(ctx.engine, ctx.msgId, branch);
    else branch.cancelPending = true;
  }
  return 1;
}
