/**
 * rtpengine: media anchoring through Sipwise rtpengine over its "ng" control protocol (UDP,
 * bencoded dictionaries). rtpengine_offer/answer/manage send the message's SDP and put the SDP
 * rtpengine returns in its place (rtpengine-offer-answer.ts); rtpengine_delete and the recording,
 * blocking and forwarding functions send their command (rtpengine-call.ts); play/stop media and
 * play DTMF are in rtpengine-media.ts; $rtpstat/$rtpquery in rtpengine-pvs.ts. Commands block
 * the script until rtpengine answers or rtpengine_tout × rtpengine_retr has passed; under
 * async() they run the same way, then the resume route runs at once. Returns: 1 success, -1
 * failure (logged), as OpenSIPS; play DTMF fails with -2.
 */
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv, PvName } from "../pv-types.ts";
import { runSimple } from "./rtpengine-call.ts";
import type { RtpeOperation } from "./rtpengine-flags.ts";
import { playDtmf, playMedia, stopMedia } from "./rtpengine-media.ts";
import { rtpengineAnswer, rtpengineManage, rtpengineOffer, type OfferAnswerArgs } from "./rtpengine-offer-answer.ts";
import { rtpqueryPv, rtpstatPv } from "./rtpengine-pvs.ts";
import { chooseSet, rtpengineFor } from "./rtpengine-state.ts";

function useSet(ctx: Ctx, arg: Arg): number {
  const state = rtpengineFor(ctx, "rtpengine_use_set");
  if (state === null) return -1;
  const id = intArg(arg);
  const set = id === null ? undefined : state.sets.find((s) => s.id === id);
  if (set === undefined) {
    ctx.log(L_ERR, `ERROR:rtpengine:set_rtpengine_set_f: could not locate rtpengine set ${id ?? textArg(arg) ?? ""}`);
    return -1;
  }
  chooseSet(ctx, set);
  return 1;
}

function offerAnswerArgs([flags, sock, sdp, body]: readonly Arg[]): OfferAnswerArgs {
  return { flags: textArg(flags), sockPv: pvArg(sock), sdpPv: pvArg(sdp), body: textArg(body) };
}

/** A `([flags[, sock_var]])` function sending one command. */
function simple(fn: string, op: RtpeOperation): [string, FunctionImpl] {
  return [fn, { call: (ctx, [flags, sock]) => runSimple(ctx, fn, op, textArg(flags), pvArg(sock)) }];
}

const FUNCTIONS = new Map<string, FunctionImpl>([
  ["rtpengine_use_set", { call: (ctx, [set]) => useSet(ctx, set) }],
  ["rtpengine_offer", { call: (ctx, args) => rtpengineOffer(ctx, offerAnswerArgs(args)) }],
  ["rtpengine_answer", { call: (ctx, args) => rtpengineAnswer(ctx, offerAnswerArgs(args)) }],
  ["rtpengine_manage", { call: (ctx, args) => rtpengineManage(ctx, offerAnswerArgs(args)) }],
  simple("rtpengine_delete", "delete"),
  simple("rtpengine_start_recording", "start recording"),
  simple("rtpengine_stop_recording", "stop recording"),
  simple("rtpengine_pause_recording", "pause recording"),
  simple("rtpengine_block_media", "block media"),
  simple("rtpengine_unblock_media", "unblock media"),
  simple("rtpengine_block_dtmf", "block DTMF"),
  simple("rtpengine_unblock_dtmf", "unblock DTMF"),
  simple("rtpengine_start_forwarding", "start forwarding"),
  simple("rtpengine_stop_forwarding", "stop forwarding"),
  [
    "rtpengine_play_media",
    { call: (ctx, [flags, duration, sock]) => playMedia(ctx, { flags: textArg(flags), outPv: pvArg(duration), sockPv: pvArg(sock) }) },
  ],
  [
    "rtpengine_stop_media",
    { call: (ctx, [flags, sock, lastFrame]) => stopMedia(ctx, { flags: textArg(flags), sockPv: pvArg(sock), outPv: pvArg(lastFrame) }) },
  ],
  ["rtpengine_play_dtmf", { call: (ctx, [code, flags, sock]) => playDtmf(ctx, textArg(code) ?? "", textArg(flags), pvArg(sock)) }],
]);

const PVS = new Map<string, (arg: PvName | null) => Pv>([
  ["rtpstat", rtpstatPv],
  ["rtpquery", () => rtpqueryPv],
]);

export const rtpengine: ModuleImpl = {
  name: "rtpengine",
  functions: FUNCTIONS,
  pvs: PVS,
};
