/**
 * rtpengine_play_media(flags[, duration_var[, sock_var]]) and rtpengine_stop_media([flags[,
 * sock_var[, last_frame_pos_var]]]): they need `result: ok`, and give the reply's `duration` /
 * `last-frame-pos` (-1 when absent) to the variable. rtpengine_play_dtmf(code[, flags[,
 * sock_var]]) sends the code first in the dictionary and fails with -2.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { dictInteger } from "./rtpengine-bencode.ts";
import { runCommand, startCall } from "./rtpengine-call.ts";

interface MediaCall {
  readonly flags: string | null;
  readonly sockPv: Pv | null;
  /** Receives the reply's integer `key`. */
  readonly outPv: Pv | null;
}

function mediaCommand(ctx: Ctx, op: "play media" | "stop media", call: MediaCall, key: string, failure: string): number {
  const state = startCall(ctx, op === "play media" ? "rtpengine_play_media" : "rtpengine_stop_media");
  if (state === null) return -1;
  const reply = runCommand(ctx, state, { op, flags: call.flags }, call.sockPv, true);
  if (reply === null) {
    ctx.log(L_ERR, `ERROR:rtpengine:${op === "play media" ? "rtpengine_playmedia_f" : "rtpengine_stopmedia_f"}: ${failure}`);
    return -1;
  }
  call.outPv?.assign(ctx, "=", dictInteger(reply, key) ?? -1);
  return 1;
}

export function playMedia(ctx: Ctx, call: MediaCall): number {
  return mediaCommand(ctx, "play media", call, "duration", "could not start media!");
}

export function stopMedia(ctx: Ctx, call: MediaCall): number {
  return mediaCommand(ctx, "stop media", call, "last-frame-pos", "could not stop media!");
}

export function playDtmf(ctx: Ctx, code: string, flags: string | null, sockPv: Pv | null): number {
  const state = startCall(ctx, "rtpengine_play_dtmf");
  if (state === null) return -1;
  const reply = runCommand(ctx, state, { op: "play DTMF", flags, leading: [["code", code]] }, sockPv, true);
  return reply === null ? -2 : 1;
}
