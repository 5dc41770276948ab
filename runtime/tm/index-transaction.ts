/**
 * tm's side of a new transaction (the core creates it: t_newtran, t_relay, t_reply, async()):
 * its matching key, where its replies go, the routes armed before it existed, and — for an
 * INVITE — the `100 Giving it a try` it sends at once (with the reply lumps queued so far, as
 * OpenSIPS builds every reply from the request), kept for retransmissions (built again from the
 * request when one comes: most transactions never need it).
 */
import type { Ctx } from "../ctx.ts";
import type { Transaction } from "../transaction.ts";
import { takeArmedRoutes } from "./armed.ts";
import { transactionKey } from "./keys.ts";
import { tmEngine, TmTransaction } from "./state.ts";
import { TRYING } from "./uas.ts";
import { replyLumps } from "../modules/reply-lumps.ts";

const TRYING_SENT = { ...TRYING, text: null, local: true } as const;

export function indexTransaction(tx: Transaction, ctx: Ctx): void {
  const method = ctx.msg.method;
  const key = transactionKey(ctx.msg);
  if (key === null || method === null) return;
  const tm = new TmTransaction(key, method, ctx.source, ctx.msg.originalRuri ?? "");
  Object.assign(tm.armed, takeArmedRoutes(ctx.state));
  tx.data.tm = tm;
  tmEngine(ctx.engine).byKey.set(key, tx);
  if (method === "INVITE") {
    tm.lastReply = TRYING_SENT;
    ctx.sendReply(TRYING.code, TRYING.reason, replyLumps(ctx.state));
  }
}
