/**
 * t_on_failure / t_on_reply / t_on_branch. As in OpenSIPS, a route armed before the transaction
 * exists is held for the message and moves into the transaction when it is created; once there is
 * a transaction it is armed on it directly. t_on_reply in a branch_route arms that branch only.
 */
import type { Ctx } from "../ctx.ts";
import type { MessageState } from "../message-state.ts";
import { branchOfState } from "./branch-context.ts";
import { noArmedRoutes, tmOf, type ArmedRoutes } from "./state.ts";

const beforeTransaction = new WeakMap<MessageState, ArmedRoutes>();

export function armRoute(ctx: Ctx, which: keyof ArmedRoutes, name: string): void {
  if (which === "reply" && ctx.kind === "branch") {
    const branch = branchOfState(ctx.state);
    if (branch !== null) {
      branch.onReply = name;
      return;
    }
  }
  const tm = ctx.transaction === null ? null : tmOf(ctx.transaction);
  if (tm !== null) {
    tm.armed[which] = name;
    return;
  }
  let held = beforeTransaction.get(ctx.state);
  if (held === undefined) {
    held = noArmedRoutes();
    beforeTransaction.set(ctx.state, held);
  }
  held[which] = name;
}

/** The routes armed on `state` before its transaction existed (taken: they now belong to the transaction). */
export function takeArmedRoutes(state: MessageState): ArmedRoutes | null {
  const held = beforeTransaction.get(state) ?? null;
  beforeTransaction.delete(state);
  return held;
}
