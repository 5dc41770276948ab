/**
 * What every rtpproxy function reads first: the module state, the set its `set_id` argument names
 * (the default set when empty), and the call's Call-ID and tags.
 */
import { intArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { rtpproxyFor, setFor, type Rtpproxy, type RtpproxySet } from "./rtpproxy-state.ts";

export interface CallIdentity {
  readonly callId: string;
  readonly fromTag: string;
  /** "" when the To header has no tag. */
  readonly toTag: string;
}

/** The Call-ID and tags; null (logged as OpenSIPS logs it) when the Call-ID or the From tag is missing. */
export function callIdentity(ctx: Ctx, fn: string): CallIdentity | null {
  const callId = ctx.msg.callId ?? "";
  if (callId === "") {
    ctx.log(L_ERR, `ERROR:rtpproxy:${fn}: can't get Call-Id field`);
    return null;
  }
  const fromTag = ctx.msg.fromTag ?? "";
  if (fromTag === "") {
    ctx.log(L_ERR, `ERROR:rtpproxy:${fn}: can't get From tag`);
    return null;
  }
  return { callId, fromTag, toTag: ctx.msg.toTag ?? "" };
}

/** The module state and the set of a call's `set_id` argument; null (logged) when either is missing. */
export function stateAndSet(ctx: Ctx, setArg: Arg, fn: string): { rtpproxy: Rtpproxy; set: RtpproxySet } | null {
  const rtpproxy = rtpproxyFor(ctx, fn);
  if (rtpproxy === null) return null;
  const id = setArg === undefined ? null : intArg(setArg);
  if (setArg !== undefined && id === null) {
    ctx.log(L_ERR, `ERROR:rtpproxy:${fn}: invalid set_id argument`);
    return null;
  }
  const set = setFor(ctx, rtpproxy, id, fn);
  return set === null ? null : { rtpproxy, set };
}
