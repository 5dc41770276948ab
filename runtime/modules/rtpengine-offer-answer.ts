/**
 * rtpengine_offer / rtpengine_answer / rtpengine_manage. The message's SDP (or the `body`
 * argument) goes to rtpengine; the SDP it returns replaces the message's SDP, or goes to the
 * `sdp_var` argument when one is given. rtpengine_answer in a request works only for ACK and
 * PRACK. rtpengine_manage picks the command from the CSeq method and the message: CANCEL, BYE, a
 * reply of 300 or more and an INVITE with SDP in a failure_route delete; an INVITE or UPDATE with
 * SDP offers; an ACK or PRACK with SDP answers; a reply with SDP answers — or offers, when the
 * INVITE it answers came without SDP through rtpengine_manage.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import type { MessageState } from "../message-state.ts";
import type { Pv } from "../pv-types.ts";
import { dictString } from "./rtpengine-bencode.ts";
import { hasSdp, locateSdp, replaceSdp, sdpText } from "./rtpengine-body.ts";
import { runCommand, runSimple, startCall } from "./rtpengine-call.ts";
import type { Rtpengine } from "./rtpengine-state.ts";

export interface OfferAnswerArgs {
  readonly flags: string | null;
  readonly sockPv: Pv | null;
  /** sdp_var: receives the new SDP instead of the message. */
  readonly sdpPv: Pv | null;
  /** The SDP to send instead of the message's. */
  readonly body: string | null;
}

/** INVITEs rtpengine_manage saw without SDP (OpenSIPS's FL_BODY_NO_SDP): their replies offer. */
const invitesWithoutSdp = new WeakSet<MessageState>();

function logError(ctx: Ctx, fn: string, text: string): void {
  ctx.log(L_ERR, `ERROR:rtpengine:${fn}: ${text}`);
}

/** The message's SDP, or null after logging why there is none. */
function messageSdp(ctx: Ctx): string | null {
  const located = locateSdp(ctx.msg);
  if (!located.ok) {
    for (const line of located.errors) logError(ctx, "extract_body", line);
    logError(ctx, "rtpengine_offer_answer_body", "can't extract body from the message");
    return null;
  }
  if (located.warning !== null) ctx.log(L_WARN, `WARNING:rtpengine:check_content_type: ${located.warning}`);
  return sdpText(ctx.msg, located);
}

/** rtpengine_offer_answer(): 1 when rtpengine gave an SDP and it went where it should. */
function offerAnswer(ctx: Ctx, state: Rtpengine, op: "offer" | "answer", args: OfferAnswerArgs): number {
  const sdp = args.body ?? messageSdp(ctx);
  if (sdp === null) return -1;
  const reply = runCommand(ctx, state, { op, flags: args.flags, sdp }, args.sockPv, true);
  if (reply === null) return -1;
  const newSdp = dictString(reply, "sdp");
  if (newSdp === null) {
    logError(ctx, "rtpengine_offer_answer_body", "failed to extract sdp body from proxy reply");
    return -1;
  }
  if (args.sdpPv !== null) {
    args.sdpPv.assign(ctx, "=", newSdp);
    return 1;
  }
  const located = locateSdp(ctx.msg);
  if (!located.ok) {
    logError(ctx, "rtpengine_offer_answer_body", "cannot change old body!");
    return -1;
  }
  replaceSdp(ctx.msg, located, newSdp);
  return 1;
}

export function rtpengineOffer(ctx: Ctx, args: OfferAnswerArgs): number {
  const state = startCall(ctx, "rtpengine_offer");
  return state === null ? -1 : offerAnswer(ctx, state, "offer", args);
}

export function rtpengineAnswer(ctx: Ctx, args: OfferAnswerArgs): number {
  const state = startCall(ctx, "rtpengine_answer");
  if (state === null) return -1;
  if (ctx.msg.isRequest && ctx.msg.method !== "ACK" && ctx.msg.method !== "PRACK") return -1;
  return offerAnswer(ctx, state, "answer", args);
}

const MANAGED_METHODS: ReadonlySet<string> = new Set(["INVITE", "ACK", "CANCEL", "BYE", "UPDATE", "PRACK"]);

function managedOperation(ctx: Ctx, method: string, withSdp: boolean): "offer" | "answer" | "delete" | null {
  const msg = ctx.msg;
  if (method === "CANCEL" || method === "BYE") return "delete";
  if (msg.isRequest) {
    if (!withSdp) {
      if (method === "INVITE") invitesWithoutSdp.add(ctx.state);
      return null;
    }
    if (method === "ACK" || method === "PRACK") return "answer";
    if (method === "INVITE" && ctx.kind === "failure") return "delete";
    return "offer";
  }
  if ((msg.statusCode ?? 0) >= 300) return "delete";
  if (!withSdp) return null;
  if (method === "UPDATE") return "answer";
  const request = ctx.transaction?.state;
  return request !== undefined && invitesWithoutSdp.has(request) ? "offer" : "answer";
}

export function rtpengineManage(ctx: Ctx, args: OfferAnswerArgs): number {
  const state = startCall(ctx, "rtpengine_manage");
  if (state === null) return -1;
  const method = ctx.msg.cseq?.method;
  if (method === undefined) {
    logError(ctx, "rtpengine_manage", "no CSEQ header");
    return -1;
  }
  if (!MANAGED_METHODS.has(method)) return -1;
  // OpenSIPS's test is inverted for a `body` argument: a non-empty one counts as no SDP.
  const withSdp = args.body !== null ? args.body.length === 0 : hasSdp(ctx.msg);
  const op = managedOperation(ctx, method, withSdp);
  if (op === null) return -1;
  if (op === "delete") return runSimple(ctx, "rtpengine_delete", "delete", args.flags, args.sockPv);
  return offerAnswer(ctx, state, op, args);
}
