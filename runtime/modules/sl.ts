/**
 * sl: stateless replies. The reply is built from the request (plus the headers and body queued
 * with append_to_reply) and sent back to its source; nothing is remembered. ACKs are never
 * answered.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { ModuleImpl } from "../functions.ts";
import { validReplyCode } from "../tm/uas.ts";
import { replyLumps } from "./reply-lumps.ts";

/** sl_reply_error without a more precise error recorded (err2reason_phrase of E_UNSPEC). */
const UNSPECIFIED_ERROR = { code: 500, reason: "Server error occurred (1/SL)" } as const;

export function sendStatelessReply(ctx: Ctx, code: number | null, reason: string | null): number {
  if (!ctx.msg.isRequest || ctx.msg.method === "ACK" || !validReplyCode(code)) return -1;
  ctx.sendReply(code, reason ?? "", replyLumps(ctx.state));
  return 1;
}

export const sl: ModuleImpl = {
  name: "sl",
  functions: new Map([
    ["sl_send_reply", { call: (ctx, [code, reason]) => sendStatelessReply(ctx, intArg(code), textArg(reason)) }],
    ["sl_reply_error", { call: (ctx) => sendStatelessReply(ctx, UNSPECIFIED_ERROR.code, UNSPECIFIED_ERROR.reason) }],
  ]),
};
