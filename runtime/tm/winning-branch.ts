/**
 * Which branch's final reply wins a transaction that got no 2xx (t_should_relay_response,
 * t_pick_branch): a 6xx wins at once — the other branches are cancelled and no new branch may be
 * added (RFC 3261 §16.7) — unless tm's `disable_6xx_block` is set; otherwise, once every branch of
 * the latest t_relay has its final reply, the best one by OpenSIPS's reply priority.
 */
import type { EngineCore } from "../engine-core.ts";
import { intModParam } from "../modules/modparams.ts";
import type { TmBranch, TmTransaction } from "./state.ts";

/** A 6xx ends the transaction's forking (tm `disable_6xx_block` unset). */
export function sixxBlocksForking(engine: EngineCore): boolean {
  return intModParam(engine.script, "tm", "disable_6xx_block", 0) === 0;
}

/** The branch whose 6xx blocks the transaction; null when there is none (or 6xx do not block). */
export function globalFailure(engine: EngineCore, tm: TmTransaction): TmBranch | null {
  if (!sixxBlocksForking(engine)) return null;
  return tm.branches.find((b) => b.finalReply !== null && b.lastReceived >= 600) ?? null;
}

/** The branch whose final reply wins; null while a branch of the latest t_relay still waits for one. */
export function winningBranch(engine: EngineCore, tm: TmTransaction): TmBranch | null {
  const blocking = globalFailure(engine, tm);
  if (blocking !== null) return blocking;
  let best: TmBranch | null = null;
  for (const branch of tm.branches.slice(tm.firstBranch)) {
    if (branch.finalReply === null) return null;
    if (best === null || replyPriority(branch.lastReceived, tm.cancelled) < replyPriority(best.lastReceived, tm.cancelled)) best = branch;
  }
  return best;
}

/** Reply priorities within the 4xx class: authentication challenges and the like before other failures. */
const CLIENT_ERROR_PRIORITIES: ReadonlyMap<number, number> = new Map([
  [401, 500],
  [407, 501],
  [415, 502],
  [420, 503],
  [484, 504],
  [408, 800],
]);

/** OpenSIPS's branch_prio: the lower, the better — 6xx, 3xx, challenges, other 4xx, 5xx, 408, 503. */
function replyPriority(code: number, cancelled: boolean): number {
  switch (Math.floor(code / 100)) {
    case 1:
    case 2:
      return code;
    case 3:
      return code + 100;
    case 4:
      if (code === 487 && cancelled) return 0;
      return CLIENT_ERROR_PRIORITIES.get(code) ?? code + 200;
    case 5:
      return code === 503 ? 801 : code + 200;
    case 6:
      return code - 300;
    default:
      return code + 200;
  }
}
