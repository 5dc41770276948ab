/**
 * What topology hiding does to the replies of the transactions it handles (OpenSIPS registers
 * TMCB_RESPONSE_FWDED callbacks): the function that hides them is kept with the request's state,
 * which becomes the transaction's, and runs from a reply listener placed before tm's, so the reply
 * tm relays upstream carries the changes; the reply's routes still read it as received.
 */
import type { Ctx } from "../ctx.ts";
import type { Peer } from "../env/types.ts";
import type { MessageState } from "../message-state.ts";
import { topBranch } from "../tm/keys.ts";
import { tmEngine, tmOf } from "../tm/state.ts";

export interface HiddenReply {
  /** The reply's context (its message is changed). */
  readonly reply: Ctx;
  /** The request the reply answers, as the transaction keeps it. */
  readonly request: MessageState;
  /** Where the request came from: the reply goes back there. */
  readonly source: Peer;
}

export type ReplyHider = (hidden: HiddenReply) => void;

const hiders = new WeakMap<MessageState, ReplyHider>();

/** `hider` changes every reply to the request of `state` (the last one registered wins). */
export function hideRepliesOf(state: MessageState, hider: ReplyHider): void {
  hiders.set(state, hider);
}

/** The reply listener. Replies to tm's own CANCELs (another CSeq method) are left alone. */
export function hideRelayedReply(ctx: Ctx): void {
  const id = topBranch(ctx.msg);
  const ref = id === null ? undefined : tmEngine(ctx.engine).byBranchId.get(id);
  const tm = ref === undefined ? null : tmOf(ref.tx);
  if (ref === undefined || tm === null || ctx.msg.cseq?.method !== tm.method) return;
  hiders.get(ref.tx.state)?.({ reply: ctx, request: ref.tx.state, source: tm.source });
}
