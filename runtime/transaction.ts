/**
 * A transaction as the core knows it: created by `async()` when none exists (and by tm's
 * t_newtran/t_relay through `ensureTransaction`), it owns the message state so the resume
 * routes of the request see its AVPs, flags and message changes (spec §10.2). Modules keep
 * their own per-transaction data in `data` under their module name (tm: branches, armed routes…).
 */
import type { Ctx } from "./ctx.ts";
import type { MessageState } from "./message-state.ts";

export class Transaction {
  /** The last final or provisional reply code sent or relayed for it ($T_reply_code); null before any. */
  replyCode: number | null = null;
  /** The reply tm chose (the winning one in a failure route), for `$(<reply>pv)`; null before any. */
  replyState: MessageState | null = null;
  /** Per-module data, keyed by module name (a plain object: one or two keys, kept by every transaction). */
  readonly data: Record<string, unknown> = {};

  constructor(
    readonly id: number,
    /** The trace number of the request that created it. */
    readonly msgId: number,
    /** The request's state; resume, failure and branch routes run on it. */
    readonly state: MessageState,
  ) {}
}

/** The transaction of `ctx`, created when the message has none (tm, a listener, answers an INVITE with `100 Giving it a try`). */
export function ensureTransaction(ctx: Ctx): Transaction {
  if (ctx.transaction !== null) return ctx.transaction;
  const tx = new Transaction(ctx.engine.nextTransactionId(), ctx.msgId, ctx.state);
  ctx.transaction = tx;
  for (const listener of ctx.engine.transactionListeners) listener(tx, ctx);
  return tx;
}
