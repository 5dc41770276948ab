/**
 * The server side of a transaction: replies tm sends upstream (its own, from t_reply / send_reply,
 * and downstream replies it relays), kept so that a retransmitted request gets the last one again.
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import { L_ERR } from "../log-level.ts";
import { replyLumps } from "../modules/reply-lumps.ts";
import { buildReply } from "../sip/reply.ts";
import type { SipMessage } from "../sip/message.ts";
import type { Transaction } from "../transaction.ts";
import { cancelPendingBranches } from "./cancel-branches.ts";
import { tmEngine, tmOf, type SentReply, type TmTransaction } from "./state.ts";

/** The reply tm sends itself when it creates an INVITE transaction (index-transaction.ts). */
export const TRYING = { code: 100, reason: "Giving it a try" } as const;

/** A reply code OpenSIPS accepts for a reply it builds. */
export function validReplyCode(code: number | null): code is number {
  return code !== null && Number.isInteger(code) && code >= 100 && code <= 699;
}

/**
 * t_reply: a reply of our own on the transaction, built from its request (and the reply lumps
 * queued on `ctx`'s message). 1 when sent; -1 for a bad code or when a final reply already went.
 */
export function replyOnTransaction(ctx: Ctx, tx: Transaction, code: number, reason: string): number {
  const tm = tmOf(tx);
  if (tm === null || !validReplyCode(code)) return -1;
  if (tm.finalReplied) {
    ctx.log(L_ERR, `ERROR:tm:t_reply: cannot send a ${code} reply, transaction already has a final reply`);
    return -1;
  }
  const source = { ...tm.source, forceRport: tx.state.forceRport };
  const text = buildReply(tx.state.msg, code, reason, { source, ...replyLumps(ctx.state) });
  sendUpstream(ctx.engine, tx, tm, { code, reason, text, local: true });
  if (code >= 200) cancelPendingBranches(ctx.engine, tx, ctx.msgId);
  return 1;
}

/** Relays a downstream reply upstream, without the Via tm added to the branch. */
export function relayUpstream(engine: EngineCore, tx: Transaction, reply: SipMessage): void {
  const tm = tmOf(tx);
  if (tm === null) return;
  const copy = reply.clone();
  copy.removeTopVia();
  sendUpstream(engine, tx, tm, { code: reply.statusCode ?? 0, reason: reply.reason ?? "", text: copy.toString(), local: false });
}

function sendUpstream(engine: EngineCore, tx: Transaction, tm: TmTransaction, reply: SentReply & { text: string }): void {
  tm.lastReply = reply;
  tx.replyCode = reply.code;
  const first = reply.code >= 200 && !tm.finalReplied;
  if (first) {
    tm.finalReplied = true;
    tmEngine(engine).removeLater(tx);
  }
  engine.env.sendReply({ msg: tx.msgId, code: reply.code, reason: reply.reason, to: tm.source, text: reply.text });
  for (const listener of tm.replyListeners) listener(reply, first);
}

/** A retransmitted request: the last reply sent upstream goes again (nothing when none went yet). */
export function retransmitLastReply(ctx: Ctx, tx: Transaction): void {
  const tm = tmOf(tx);
  const last = tm?.lastReply ?? null;
  if (tm === null || last === null) return;
  const text = last.text ?? buildReply(tx.state.msg, last.code, last.reason, { source: { ...tm.source, forceRport: tx.state.forceRport } });
  ctx.engine.env.sendReply({ msg: ctx.msgId, code: last.code, reason: last.reason, to: tm.source, text });
}
