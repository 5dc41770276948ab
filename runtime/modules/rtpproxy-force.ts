/**
 * rtpproxy_offer / rtpproxy_answer([flags[, ip_address[, set_id[, sock_var[, ret_var[, body]]]]]])
 * (OpenSIPS's force_rtp_proxy): every SDP part of the message body goes through rtpproxy and the
 * message is sent with the rewritten body; with `body`, the SDP in that variable is rewritten
 * there instead and the message is left alone. 1 when done (also for a body without SDP), -1 when
 * a part cannot be relayed.
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg } from "../functions.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { textOf } from "../transformations/value-text.ts";
import { sdpParts } from "./rtpproxy-body.ts";
import { callIdentity, stateAndSet } from "./rtpproxy-call.ts";
import { parseFlags } from "./rtpproxy-flags.ts";
import { relaySdp, type OfferAnswerCall } from "./rtpproxy-offer-answer.ts";
import type { Rtpproxy } from "./rtpproxy-state.ts";

/** The message's SDP parts relayed one after the other; the body keeps the parts done before a failure. */
function relayMessageBody(ctx: Ctx, fn: string, rtpproxy: Rtpproxy, call: OfferAnswerCall): number {
  const body = ctx.msg.outgoingBody;
  let rewritten = "";
  let at = 0;
  let code = 1;
  for (const part of sdpParts(body, ctx.msg.contentType)) {
    if (part.end === part.start) {
      ctx.log(L_WARN, `WARNING:rtpproxy:${fn}: empty body`);
      continue;
    }
    const sdp = relaySdp(ctx, rtpproxy, call, body.slice(part.start, part.end), "message");
    if (sdp === null) {
      code = -1;
      break;
    }
    rewritten += body.slice(at, part.start) + sdp;
    at = part.end;
  }
  rewritten += body.slice(at);
  if (rewritten !== body) ctx.msg.setBody(rewritten);
  return code;
}

function relayVariable(ctx: Ctx, fn: string, rtpproxy: Rtpproxy, call: OfferAnswerCall, bodyPv: Pv): number {
  const value = bodyPv.get(ctx);
  const text = value === null || typeof value === "number" ? null : textOf(value);
  if (text === null) {
    ctx.log(L_ERR, `ERROR:rtpproxy:${fn}: could not retrieve body!`);
    return -1;
  }
  const sdp = relaySdp(ctx, rtpproxy, call, text, "variable");
  if (sdp === null) return -1;
  return bodyPv.assign(ctx, "=", sdp) < 0 ? -1 : 1;
}

export function forceRtpproxy(ctx: Ctx, fn: string, offer: boolean, [flagsArg, ipArg, setArg, sockArg, retArg, bodyArg]: readonly Arg[]): number {
  const bodyPv = pvArg(bodyArg);
  if (bodyPv === null && ctx.msg.outgoingBody === "") {
    ctx.log(L_ERR, `ERROR:rtpproxy:${fn}: Unable to parse body`);
    return -1;
  }
  const found = stateAndSet(ctx, setArg, fn);
  const identity = found === null ? null : callIdentity(ctx, fn);
  if (found === null || identity === null) return -1;
  const flags = parseFlags(textArg(flagsArg) ?? "");
  for (const c of flags.unknown) ctx.log(L_WARN, `WARNING:rtpproxy:rtpproxy_offer_answer: unknown option \`${c}'`);
  if (found.rtpproxy.settings.notifySocket === null) {
    if (flags.notify) ctx.log(L_WARN, "WARNING:rtpproxy:rtpproxy_offer_answer: cannot receive notifications because notification socket is not specified");
    if (flags.dtmf) ctx.log(L_WARN, "WARNING:rtpproxy:rtpproxy_offer_answer: cannot receive DMTF notifications because notification socket is not specified");
  }
  const call: OfferAnswerCall = { offer, flags, ip: textArg(ipArg), set: found.set, sockPv: pvArg(sockArg), retPv: pvArg(retArg), ...identity };
  return bodyPv === null ? relayMessageBody(ctx, fn, found.rtpproxy, call) : relayVariable(ctx, fn, found.rtpproxy, call, bodyPv);
}
