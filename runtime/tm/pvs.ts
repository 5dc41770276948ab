/**
 * tm's pseudo-variables: `$T_reply_code` (the last reply sent in a request route, the reply being
 * handled in an onreply_route, the winning one in a failure_route) and `$T_branch_idx` (the
 * branch of a branch_route or of a reply).
 */
import type { Ctx } from "../ctx.ts";
import { readOnlyPv, type Pv } from "../pv-types.ts";
import type { Value } from "../value.ts";
import { branchOfState } from "./branch-context.ts";
import { tmOf } from "./state.ts";

/** The status `$T_reply_code` and `t_check_status` look at; null outside a transaction. */
export function transactionStatus(ctx: Ctx): number | null {
  const tm = ctx.transaction === null ? null : tmOf(ctx.transaction);
  if (tm === null) return null;
  switch (ctx.kind) {
    case "request":
      return tm.lastReply?.code ?? 0;
    case "onreply":
      return ctx.msg.statusCode ?? 0;
    case "failure":
      return tm.branches[tm.pickedBranch]?.lastReceived ?? 0;
    default:
      return 0;
  }
}

function branchIndex(ctx: Ctx): Value {
  if (ctx.kind !== "branch" && ctx.kind !== "onreply") return null;
  return branchOfState(ctx.state)?.index ?? null;
}

export const TM_PVS: ReadonlyMap<string, () => Pv> = new Map([
  ["T_reply_code", () => readOnlyPv("$T_reply_code", (ctx) => transactionStatus(ctx) ?? 0)],
  ["T_branch_idx", () => readOnlyPv("$T_branch_idx", branchIndex)],
]);
