/**
 * tm: stateful processing (runtime/tm/ does the work). Transactions are created by t_newtran,
 * t_relay, t_reply and async(); tm indexes every new one, matches retransmissions to it and
 * handles the replies of the branches it sends downstream.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { armRoute } from "../tm/armed.ts";
import { cancelBranch } from "../tm/cancel-branch.ts";
import { indexTransaction } from "../tm/index-transaction.ts";
import { localReplied } from "../tm/local-replied.ts";
import { findTransaction, transactionFor } from "../tm/lookup.ts";
import { T_NEW_REQUEST } from "../tm/new-request.ts";
import { transactionStatus, TM_PVS } from "../tm/pvs.ts";
import { relayRequest } from "../tm/relay.ts";
import { onDownstreamReply } from "../tm/replies.ts";
import { tmEngine, tmOf, type ArmedRoutes } from "../tm/state.ts";
import { replyOnTransaction, retransmitLastReply } from "../tm/uas.ts";
import { intModParam } from "./modparams.ts";
import { setReplyBody } from "./reply-lumps.ts";
import { regexArg, regexMatches } from "./regex-arg.ts";

/** t_check_trans: see the module documentation's table (spec §11.2). */
function checkTransaction(ctx: Ctx): number {
  if (ctx.msg.method === "CANCEL") return findTransaction(ctx, "INVITE") !== null ? 1 : -1;
  if (ctx.transaction !== null) return 1;
  const existing = findTransaction(ctx);
  if (existing === null) return -1;
  if (ctx.msg.method === "ACK") return 1;
  retransmitLastReply(ctx, existing);
  return 0;
}

function newTransaction(ctx: Ctx): number {
  if (ctx.transaction !== null) return -1;
  const tx = transactionFor(ctx);
  if (tx === "retransmission") return 0;
  return tx === null ? -1 : 1;
}

/** t_reply / t_reply_with_body: creates the transaction in a request route; ACKs are not answered (the script ends). */
function reply(ctx: Ctx, code: number | null, reason: string | null, body?: string | null): number {
  if (ctx.msg.method === "ACK") return 0;
  const tx = ctx.kind === "request" ? transactionFor(ctx) : ctx.transaction;
  if (tx === "retransmission") return 0;
  if (tx === null || code === null) return -1;
  if (body !== undefined && body !== null) setReplyBody(ctx.state, body);
  return replyOnTransaction(ctx, tx, code, reason ?? "");
}

function armer(which: keyof ArmedRoutes): FunctionImpl {
  return {
    call: (ctx, [name]) => {
      const route = textArg(name);
      if (route === null) return -1;
      armRoute(ctx, which, route);
      return 1;
    },
  };
}

function checkStatus(ctx: Ctx, pattern: RegExp | null): number {
  const status = transactionStatus(ctx);
  return status !== null && regexMatches(pattern, String(status)) ? 1 : -1;
}

export const tm: ModuleImpl = {
  name: "tm",
  functions: new Map<string, FunctionImpl>([
    ["t_newtran", { call: (ctx) => newTransaction(ctx) }],
    ["t_check_trans", { call: (ctx) => checkTransaction(ctx) }],
    ["t_reply", { call: (ctx, [code, reason]) => reply(ctx, intArg(code), textArg(reason)) }],
    ["t_reply_with_body", { call: (ctx, [code, reason, body]) => reply(ctx, intArg(code), textArg(reason), textArg(body)) }],
    ["t_relay", { call: (ctx, [, proxy]) => relayRequest(ctx, textArg(proxy)) }],
    ["t_on_failure", armer("failure")],
    ["t_on_reply", armer("reply")],
    ["t_on_branch", armer("branch")],
    ["t_check_status", { call: (ctx, [pattern]) => checkStatus(ctx, regexArg(pattern)) }],
    ["t_was_cancelled", { call: (ctx) => (ctx.transaction !== null && tmOf(ctx.transaction)?.cancelled === true ? 1 : -1) }],
    ["t_flush_flags", { call: (ctx) => (ctx.transaction === null ? -1 : 1) }],
    ["t_local_replied", { call: (ctx, [which]) => localReplied(ctx, textArg(which)) }],
    ["t_cancel_branch", { call: (ctx, [flags]) => cancelBranch(ctx, textArg(flags)) }],
    ["t_new_request", T_NEW_REQUEST],
  ]),
  pvs: TM_PVS,
  init(engine) {
    const data = tmEngine(engine);
    data.onreplyAvpMode = intModParam(engine.script, "tm", "onreply_avp_mode", 0) === 1;
    data.waitSeconds = intModParam(engine.script, "tm", "wt_timer", data.waitSeconds);
    data.frTimeout = intModParam(engine.script, "tm", "fr_timeout", intModParam(engine.script, "tm", "fr_timer", data.frTimeout));
    data.frInvTimeout = intModParam(engine.script, "tm", "fr_inv_timeout", intModParam(engine.script, "tm", "fr_inv_timer", data.frInvTimeout));
    engine.transactionListeners.push(indexTransaction);
    engine.transactionFinder = transactionFor;
    engine.replyListeners.push(onDownstreamReply);
  },
};
