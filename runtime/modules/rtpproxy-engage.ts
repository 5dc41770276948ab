/**
 * rtpproxy_engage([flags[, ip_address[, set_id[, sock_var[, ret_var]]]]]) on an initial INVITE:
 * the dialog is created (the dialog module must be loaded), the INVITE's SDP offer is relayed (an
 * INVITE without SDP starts a late negotiation) and the call is remembered. Its provisional and
 * 2xx replies carrying SDP are then relayed — as answers, or as the offer of a late negotiation —
 * before tm sends them upstream; a negative final reply, or a BYE of the call getting a
 * transaction, deletes the session (`D`).
 *
 * OpenSIPS follows the whole dialog with dialog callbacks; this runtime's dialog module has none,
 * so in-dialog re-INVITEs and UPDATEs and the ACK of a late negotiation are not relayed: call
 * rtpproxy_offer/rtpproxy_answer for them.
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import type { Arg } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { sdpParts } from "./rtpproxy-body.ts";
import { forceRtpproxy } from "./rtpproxy-force.ts";
import { deleteSession } from "./rtpproxy-session.ts";

const FN = "rtpproxy_engage";
const ENGAGED_KEY = "rtpproxy-engaged";

interface Engaged {
  /** The arguments of the engage call (flags, ip_address, set_id; the outputs are not kept). */
  readonly args: readonly Arg[];
  readonly callId: string;
  readonly callerTag: string;
  /** The INVITE had no SDP: the first SDP reply carries the offer. */
  late: boolean;
}

function engagedCalls(engine: EngineCore): Map<string, Engaged> {
  let calls = engine.moduleData.get(ENGAGED_KEY) as Map<string, Engaged> | undefined;
  if (calls === undefined) {
    calls = new Map();
    engine.moduleData.set(ENGAGED_KEY, calls);
  }
  return calls;
}

function keyOf(callId: string | null, tag: string | null | undefined): string {
  return `${callId ?? ""}\n${tag ?? ""}`;
}

function hasSdp(ctx: Ctx): boolean {
  return ctx.msg.outgoingBody !== "" && sdpParts(ctx.msg.outgoingBody, ctx.msg.contentType).length > 0;
}

/** create_dialog() of the loaded dialog module; -1 (logged) without it. */
function createDialog(ctx: Ctx): number {
  const dialog = ctx.engine.script.modules.includes("dialog") ? ctx.engine.modules.find((m) => m.name === "dialog") : undefined;
  const create = dialog?.functions.get("create_dialog");
  if (create === undefined) {
    ctx.log(L_ERR, `ERROR:rtpproxy:${FN}: the dialog module is needed by rtpproxy_engage`);
    return -1;
  }
  return create.call(ctx, []);
}

export function engage(ctx: Ctx, args: readonly Arg[]): number {
  if (ctx.msg.method !== "INVITE") {
    ctx.log(L_ERR, `ERROR:rtpproxy:${FN}: this function can only be called from invite`);
    return -1;
  }
  if (ctx.msg.toTag !== null) {
    ctx.log(L_ERR, `ERROR:rtpproxy:${FN}: function can only be called from the initial invite`);
    return -1;
  }
  if (createDialog(ctx) < 0) {
    ctx.log(L_ERR, `ERROR:rtpproxy:${FN}: error creating dialog`);
    return -1;
  }
  const late = !hasSdp(ctx);
  if (!late && forceRtpproxy(ctx, FN, true, args) < 0) {
    ctx.log(L_ERR, `ERROR:rtpproxy:${FN}: error forcing rtp proxy`);
    return -1;
  }
  const callId = ctx.msg.callId ?? "";
  const callerTag = ctx.msg.fromTag ?? "";
  engagedCalls(ctx.engine).set(keyOf(callId, callerTag), { args: args.slice(0, 3), callId, callerTag, late });
  return 1;
}

/** A reply to an engaged INVITE: its SDP relayed, or the session deleted for a negative final reply. */
function onReply(ctx: Ctx): void {
  const code = ctx.msg.statusCode ?? 0;
  if (ctx.msg.cseq?.method !== "INVITE" || code <= 100) return;
  const calls = engagedCalls(ctx.engine);
  const key = keyOf(ctx.msg.callId, ctx.msg.fromTag);
  const call = calls.get(key);
  if (call === undefined) return;
  if (code >= 300) {
    calls.delete(key);
    deleteSession(ctx, FN, call.args[2], undefined, { callId: call.callId, fromTag: call.callerTag, toTag: ctx.msg.toTag ?? "" });
    return;
  }
  if (!hasSdp(ctx)) return;
  forceRtpproxy(ctx, FN, call.late, call.args);
  call.late = false;
}

/** A BYE of an engaged call that gets a transaction ends its session. */
function onTransaction(ctx: Ctx): void {
  if (ctx.msg.method !== "BYE") return;
  const calls = engagedCalls(ctx.engine);
  for (const [tag, other] of [[ctx.msg.fromTag, ctx.msg.toTag], [ctx.msg.toTag, ctx.msg.fromTag]]) {
    const key = keyOf(ctx.msg.callId, tag);
    const call = calls.get(key);
    if (call === undefined) continue;
    calls.delete(key);
    deleteSession(ctx, FN, call.args[2], undefined, { callId: call.callId, fromTag: call.callerTag, toTag: other ?? "" });
    return;
  }
}

/** Installs the hooks: replies are seen before tm relays them (OpenSIPS's TMCB_RESPONSE_FWDED). */
export function watchEngagedReplies(engine: EngineCore): void {
  engine.replyListeners.unshift(onReply);
  engine.transactionListeners.push((_tx, ctx) => onTransaction(ctx));
}
