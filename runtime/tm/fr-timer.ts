/**
 * The final-response timer of a branch (tm fr_timeout, fr_inv_timeout): a branch that gets no
 * final reply in time ends with a 408 of tm's own (an INVITE that was ringing is cancelled
 * downstream first), which may complete the transaction. The timers never keep the process alive.
 */
import type { Worker } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import type { Transaction } from "../transaction.ts";
import { sendCancel } from "./cancel-branches.ts";
import { completeIfDone } from "./complete.ts";
import { endBranchLocally } from "./local-final.ts";
import { tmEngine, tmOf, type TmBranch } from "./state.ts";

const TIMEOUT = 408;

/** (Re)starts the branch's timer: fr_inv_timeout for a ringing INVITE branch, fr_timeout otherwise. */
export function armFinalResponseTimer(engine: EngineCore, worker: Worker, tx: Transaction, branch: TmBranch): void {
  const tm = tmOf(tx);
  if (tm === null) return;
  const settings = tmEngine(engine);
  const seconds = tm.method === "INVITE" && branch.lastReceived >= 100 ? settings.frInvTimeout : settings.frTimeout;
  stopFinalResponseTimer(branch);
  branch.timer = setTimeout(() => expire(engine, worker, tx, branch), seconds * 1000).unref();
}

export function stopFinalResponseTimer(branch: TmBranch): void {
  if (branch.timer !== null) clearTimeout(branch.timer);
  branch.timer = null;
}

function expire(engine: EngineCore, worker: Worker, tx: Transaction, branch: TmBranch): void {
  branch.timer = null;
  const tm = tmOf(tx);
  if (tm === null || branch.finalReply !== null) return;
  if (tm.method === "INVITE" && branch.lastReceived >= 100) sendCancel(engine, tx.msgId, branch);
  endBranchLocally(branch, tx, TIMEOUT);
  completeIfDone(engine, worker, tx);
}
