/**
 * Ending a branch with a final reply tm builds itself (OpenSIPS's FAKED_REPLY): 487 for a branch
 * cancelled before it answered, 408 when the final-response timer expires.
 */
import { MessageState } from "../message-state.ts";
import { parseSipMessage } from "../sip/parse.ts";
import { buildReply } from "../sip/reply.ts";
import type { Transaction } from "../transaction.ts";
import { reasonPhrase } from "./reason-phrases.ts";
import type { TmBranch } from "./state.ts";
import { stopFinalResponseTimer } from "./fr-timer.ts";

export function endBranchLocally(branch: TmBranch, tx: Transaction, code: number): void {
  const sent = parseSipMessage(branch.request.toString());
  if (!sent.ok) return;
  const reply = parseSipMessage(buildReply(sent.msg, code, reasonPhrase(code)));
  if (!reply.ok) return;
  branch.lastReceived = code;
  branch.finalReply = new MessageState(reply.msg, tx.state.source);
  branch.finalReplyFaked = true;
  stopFinalResponseTimer(branch);
}
