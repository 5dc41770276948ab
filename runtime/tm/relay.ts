/**
 * t_relay's entry (w_t_relay / t_relay_to): an ACK matching a transaction is absorbed (the script
 * ends) and any other ACK is forwarded statelessly; a retransmission gets the last reply again (the
 * script ends); a CANCEL whose INVITE tm knows cancels it; everything else is forwarded on the
 * request's transaction, created when needed.
 */
import type { Ctx } from "../ctx.ts";
import { branchId, transactionKey } from "./keys.ts";
import { cancelInvite } from "./cancel.ts";
import { forwardOnTransaction, RELAY_BAD_DESTINATION } from "./forward.ts";
import { isSendableDestination } from "./destination.ts";
import { localVia } from "./local-via.ts";
import { findTransaction, transactionFor } from "./lookup.ts";

/** t_relay's "bad message" code. */
const RELAY_BAD_MESSAGE = -2;

export function relayRequest(ctx: Ctx, proxy: string | null): number {
  if (ctx.kind !== "request" && ctx.kind !== "failure") return -1;
  if (ctx.msg.method === "ACK") {
    if (ctx.transaction !== null) return -1;
    return findTransaction(ctx) !== null ? 0 : forwardAck(ctx, proxy);
  }
  const tx = transactionFor(ctx);
  if (tx === "retransmission") return 0;
  if (tx === null) return RELAY_BAD_MESSAGE;
  if (ctx.msg.method === "CANCEL") {
    const invite = findTransaction(ctx, "INVITE");
    if (invite !== null && invite !== tx) {
      cancelInvite(ctx, tx, invite);
      return 1;
    }
  }
  return forwardOnTransaction(ctx, tx, proxy);
}

/** An ACK for a 2xx (no transaction): sent on statelessly, with the proxy's Via. */
function forwardAck(ctx: Ctx, proxy: string | null): number {
  const ruri = ctx.msg.ruri ?? "";
  const dst = ctx.state.dstUri ?? proxy ?? ruri;
  const key = transactionKey(ctx.msg);
  if (key === null || !isSendableDestination(dst)) return RELAY_BAD_DESTINATION;
  const out = ctx.msg.clone();
  out.addVia(localVia(ctx.engine, ctx.state, branchId(`${key}\nstateless`, 0), ctx.state.sendSocket));
  ctx.engine.env.relay({ msg: ctx.msgId, ruri, dst, text: out.toString() });
  return 1;
}
