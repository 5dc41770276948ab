/**
 * t_local_replied(which) (tm.c w_t_local_replied): "all" — no branch of the latest t_relay
 * received a reply from downstream; "branch" (failure route only) — the winning branch received
 * none; "last" — in a failure route, the winning reply was one tm built itself (408 on timeout,
 * 487 for an unanswered cancelled branch), elsewhere the last reply sent upstream was tm's own.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { tmOf } from "./state.ts";

export function localReplied(ctx: Ctx, which: string | null): number {
  const tm = ctx.transaction === null ? null : tmOf(ctx.transaction);
  if (tm === null) {
    ctx.log(L_ERR, "ERROR:tm:w_t_local_replied: no transaction created");
    return -1;
  }
  const picked = ctx.kind === "failure" ? tm.branches[tm.pickedBranch] : undefined;
  switch (which?.toLowerCase()) {
    case "all":
      return tm.branches.slice(tm.firstBranch).some((branch) => branch.receivedReply) ? -1 : 1;
    case "branch":
      return picked !== undefined && !picked.receivedReply ? 1 : -1;
    case "last":
      if (ctx.kind === "failure") return picked?.finalReplyFaked === true ? 1 : -1;
      return tm.lastReply?.local === true ? 1 : -1;
    default:
      ctx.log(L_ERR, `ERROR:tm:t_local_replied: unknown parameter "${which ?? ""}" (all, branch or last)`);
      return -1;
  }
}
