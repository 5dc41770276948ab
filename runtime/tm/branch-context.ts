/**
 * Which branch a run is about: the branch_route of a branch being sent, and the onreply_route of
 * a reply received on a branch (`$T_branch_idx`, t_on_reply armed per branch).
 */
import type { MessageState } from "../message-state.ts";
import type { TmBranch } from "./state.ts";

const branches = new WeakMap<MessageState, TmBranch>();

export function setBranchOfState(state: MessageState, branch: TmBranch): void {
  branches.set(state, branch);
}

export function branchOfState(state: MessageState): TmBranch | null {
  return branches.get(state) ?? null;
}
