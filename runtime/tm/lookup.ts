/**
 * Finding and creating transactions for received requests (t_lookup_request, t_newtran):
 * a request whose transaction already exists is a retransmission, answered with the last reply.
 */
import type { Ctx } from "../ctx.ts";
import { ensureTransaction, type Transaction } from "../transaction.ts";
import { transactionKey } from "./keys.ts";
import { tmEngine } from "./state.ts";
import { retransmitLastReply } from "./uas.ts";

/** The transaction tm has for the request of `ctx` looked up as `method` (ACK finds its INVITE). */
export function findTransaction(ctx: Ctx, method: string | null = ctx.msg.method): Transaction | null {
  const key = transactionKey(ctx.msg, method);
  return key === null ? null : (tmEngine(ctx.engine).byKey.get(key) ?? null);
}

/**
 * The transaction of `ctx`, created when the request has none: "retransmission" when the request
 * belongs to an existing one (its last reply has been sent again; an ACK is simply absorbed),
 * null when the request cannot have a transaction (ACK without one, unmatchable message).
 */
export function transactionFor(ctx: Ctx): Transaction | "retransmission" | null {
  if (ctx.transaction !== null) return ctx.transaction;
  if (transactionKey(ctx.msg) === null) return null;
  const existing = findTransaction(ctx);
  if (existing !== null) {
    if (ctx.msg.method !== "ACK") retransmitLastReply(ctx, existing);
    return "retransmission";
  }
  if (ctx.msg.method === "ACK") return null;
  return ensureTransaction(ctx);
}
