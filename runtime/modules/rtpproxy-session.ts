/**
 * The session commands that need no SDP: rtpproxy_unforce([set_id[, sock_var]]) deletes the
 * call's session (`D`), rtpproxy_stream2uac/uas(prompt, count[, set_id[, sock_var]]) play a
 * prompt to the caller/callee (`P`), rtpproxy_stop_stream2uac/uas([set_id[, sock_var]]) stop it
 * (`S`). As in OpenSIPS they return 1 once the command is sent, whatever rtpproxy answers; -1 when
 * no node is available (or, for the prompts, the node cannot play them).
 */
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { callIdentity, stateAndSet, type CallIdentity } from "./rtpproxy-call.ts";
import { deleteCommand, playCommand, stopPlayCommand } from "./rtpproxy-command.ts";
import { sendCommand } from "./rtpproxy-control.ts";
import { selectNode } from "./rtpproxy-select.ts";

/** Sends `command` to the call's node; `needsPlayback`: the node must be able to play prompts. */
function sendToNode(ctx: Ctx, fn: string, setArg: Arg, sockArg: Arg, identity: CallIdentity, command: string, needsPlayback: boolean): number {
  const found = stateAndSet(ctx, setArg, fn);
  if (found === null) return -1;
  const node = selectNode(ctx, found.rtpproxy, found.set, identity.callId, pvArg(sockArg), true);
  if (node === null) {
    ctx.log(L_ERR, `ERROR:rtpproxy:${fn}: no available proxies`);
    return -1;
  }
  if (needsPlayback && !node.capabilities.has("codecs")) {
    ctx.log(L_ERR, `ERROR:rtpproxy:${fn}: required functionality is not supported by the version of the RTPproxy running on the selected node.  Please upgrade the RTPproxy and try again.`);
    return -1;
  }
  sendCommand(ctx, found.rtpproxy, node, command);
  return 1;
}

/** `D` for the session of `identity` (the caller's tag first). */
export function deleteSession(ctx: Ctx, fn: string, setArg: Arg, sockArg: Arg, identity: CallIdentity): number {
  return sendToNode(ctx, fn, setArg, sockArg, identity, deleteCommand(identity.callId, identity.fromTag, identity.toTag), false);
}

export function unforce(ctx: Ctx, [setArg, sockArg]: readonly Arg[]): number {
  const identity = callIdentity(ctx, "rtpproxy_unforce");
  return identity === null ? -1 : deleteSession(ctx, "rtpproxy_unforce", setArg, sockArg, identity);
}

/** The tags in the order of the direction: the caller's first towards the UAC; null toward the UAS without a to-tag. */
function directedTags(identity: CallIdentity, toUac: boolean): [string, string] | null {
  if (toUac) return [identity.fromTag, identity.toTag];
  return identity.toTag === "" ? null : [identity.toTag, identity.fromTag];
}

export function streamPrompt(ctx: Ctx, toUac: boolean, [promptArg, countArg, setArg, sockArg]: readonly Arg[]): number {
  const fn = toUac ? "rtpproxy_stream2uac" : "rtpproxy_stream2uas";
  const identity = callIdentity(ctx, fn);
  const tags = identity === null ? null : directedTags(identity, toUac);
  const count = intArg(countArg);
  if (identity === null || tags === null || count === null) return -1;
  return sendToNode(ctx, fn, setArg, sockArg, identity, playCommand(count, identity.callId, textArg(promptArg) ?? "", ...tags), true);
}

export function stopPrompt(ctx: Ctx, toUac: boolean, [setArg, sockArg]: readonly Arg[]): number {
  const fn = toUac ? "rtpproxy_stop_stream2uac" : "rtpproxy_stop_stream2uas";
  const identity = callIdentity(ctx, fn);
  const tags = identity === null ? null : directedTags(identity, toUac);
  if (identity === null || tags === null) return -1;
  return sendToNode(ctx, fn, setArg, sockArg, identity, stopPlayCommand(identity.callId, ...tags), true);
}
