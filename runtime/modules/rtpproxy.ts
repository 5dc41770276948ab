/**
 * rtpproxy (OpenSIPS 3.6): anchoring media through RTPProxy servers over their control protocol
 * (text commands on UDP, TCP or unix sockets; rtpproxy-blocking.ts). The calls block the script,
 * as in OpenSIPS. rtpproxy_offer/answer rewrite the SDP (rtpproxy-force.ts), rtpproxy_unforce
 * and the prompt functions send session commands (rtpproxy-session.ts), rtpproxy_engage relays
 * an initial INVITE and its answers (rtpproxy-engage.ts). Sets, weights, failover and the
 * disable timeout follow the module (rtpproxy-select.ts, rtpproxy-control.ts).
 * Not served: loading the sets from a database, timeout/DTMF notifications, recording, the
 * statistics functions, auto-bridging and the MI commands.
 */
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { engage, watchEngagedReplies } from "./rtpproxy-engage.ts";
import { forceRtpproxy } from "./rtpproxy-force.ts";
import { stopPrompt, streamPrompt, unforce } from "./rtpproxy-session.ts";

export const rtpproxy: ModuleImpl = {
  name: "rtpproxy",
  functions: new Map<string, FunctionImpl>([
    ["rtpproxy_offer", { call: (ctx, args) => forceRtpproxy(ctx, "rtpproxy_offer", true, args) }],
    ["rtpproxy_answer", { call: (ctx, args) => forceRtpproxy(ctx, "rtpproxy_answer", false, args) }],
    ["rtpproxy_engage", { call: (ctx, args) => engage(ctx, args) }],
    ["rtpproxy_unforce", { call: (ctx, args) => unforce(ctx, args) }],
    ["rtpproxy_stream2uac", { call: (ctx, args) => streamPrompt(ctx, true, args) }],
    ["rtpproxy_stream2uas", { call: (ctx, args) => streamPrompt(ctx, false, args) }],
    ["rtpproxy_stop_stream2uac", { call: (ctx, args) => stopPrompt(ctx, true, args) }],
    ["rtpproxy_stop_stream2uas", { call: (ctx, args) => stopPrompt(ctx, false, args) }],
  ]),
  init: (engine) => watchEngagedReplies(engine),
};
