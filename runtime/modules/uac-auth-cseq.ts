/**
 * The CSeq change of uac_auth (uac/auth.c apply_cseq_op, apply_cseq_decrement): the request it
 * authenticates goes out with its CSeq number plus one, and every reply of that transaction relayed
 * upstream gets the number of the request as received back (a TMCB_RESPONSE_FWDED callback), so the
 * caller sees its own CSeq. Like OpenSIPS's lumps, neither change is visible to the script (`$cs`).
 */
import type { Ctx } from "../ctx.ts";
import type { SipMessage } from "../sip/message.ts";
import { topBranch } from "../tm/keys.ts";
import { tmEngine } from "../tm/state.ts";
import type { Transaction } from "../transaction.ts";

const shiftedTransactions = new WeakSet<Transaction>();

/** Sends `msg` with CSeq number `number`; false when it has no CSeq or the field already changed. */
function setCseqNumber(msg: SipMessage, number: string): boolean {
  const index = msg.headerFields.findIndex((field) => field.key === "cseq");
  const field = msg.headerFields[index];
  if (field === undefined) return false;
  return msg.rewriteField(index, field.raw.replace(/(:\s*)[0-9]+/, `$1${number}`));
}

/** The request of `ctx` goes out with CSeq + 1 (unsigned 32-bit); replies of `tx` relayed upstream get the original back. */
export function incrementCseq(ctx: Ctx, tx: Transaction): boolean {
  const cseq = ctx.msg.cseq;
  if (cseq === null || !setCseqNumber(ctx.msg, String((Number(cseq.number) + 1) >>> 0))) return false;
  shiftedTransactions.add(tx);
  return true;
}

/** A reply listener (it runs before tm's, so the relayed reply carries the change). */
export function restoreReplyCseq(ctx: Ctx): void {
  const id = topBranch(ctx.msg);
  const tx = id === null ? undefined : tmEngine(ctx.engine).byBranchId.get(id)?.tx;
  if (tx === undefined || !shiftedTransactions.has(tx)) return;
  const original = tx.state.msg.cseq?.number;
  const received = ctx.msg.cseq?.number;
  if (original !== undefined && received !== undefined && original !== received) setCseqNumber(ctx.msg, original);
}
