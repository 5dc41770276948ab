/**
 * One SDP body through rtpproxy, as OpenSIPS's rtpproxy_offer_answer() does it: for each medium a
 * `U` (offer) or `L` (answer, or the `l` flag) command with the address the media comes from (the
 * message's source, or the SDP's with `a`/`r`) and its port; rtpproxy's answer (`<port>
 * [<address> [6]]`) replaces the m= port, the c= address (the ip_address argument, the node's
 * advertised address, rtpproxy's, or the local one, in that order) and the a=rtcp: line, and the
 * nortpproxy marker line is added. A body already carrying the marker is not relayed (-1) unless
 * `f` is given. An offer whose node fails moves on to another node of the set.
 *
 * A body passed in a variable (`body` argument) is rewritten as OpenSIPS builds it: there the
 * session-level c= changes only with the `c` flag, and the marker goes at the very end.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_INFO, L_WARN } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { hasMarker, markerPosition } from "./rtpproxy-body.ts";
import { codecsModifier, streamCommand, type StreamCommand } from "./rtpproxy-command.ts";
import { disableNode, replyError, sendCommand } from "./rtpproxy-control.ts";
import type { RtpproxyFlags } from "./rtpproxy-flags.ts";
import { applyEdits, isNullAddress, replaceAddress, replaceSpan, type Edit } from "./rtpproxy-rewrite.ts";
import { lineAddress, parseSdp, type SdpAddress, type SdpMedia, type SdpSession } from "./rtpproxy-sdp.ts";
import { selectNode } from "./rtpproxy-select.ts";
import type { Rtpproxy, RtpproxyNode, RtpproxySet } from "./rtpproxy-state.ts";

export interface OfferAnswerCall {
  readonly offer: boolean;
  readonly flags: RtpproxyFlags;
  /** The ip_address argument: the address to write into the SDP; null when not given. */
  readonly ip: string | null;
  readonly set: RtpproxySet;
  readonly sockPv: Pv | null;
  /** ret_var: receives `<address>:<port>` of each relayed medium. */
  readonly retPv: Pv | null;
  readonly callId: string;
  readonly fromTag: string;
  /** "" when the message has none. */
  readonly toTag: string;
}

/** Where the SDP comes from: the message (rewritten in place) or a variable (rebuilt). */
export type SdpTarget = "message" | "variable";

/** rtpproxy's errors that mean the node is broken rather than the request wrong. */
const NODE_ERRORS = [7, 8, 9, 10];

interface SessionTags {
  readonly create: boolean;
  readonly fromTag: string;
  readonly toTag: string;
}

/** The command and the tags in the order rtpproxy wants them; null when an answer to a request has no to-tag. */
function sessionOf(ctx: Ctx, call: OfferAnswerCall): SessionTags | null {
  const isReply = !ctx.msg.isRequest;
  if (call.flags.lookup) {
    const toTag = call.toTag === "" ? "dummy" : call.toTag;
    return call.offer ? { create: false, fromTag: toTag, toTag: call.fromTag } : { create: false, fromTag: call.fromTag, toTag };
  }
  if (isReply === call.offer) {
    if (call.toTag === "") return null;
    return { create: call.offer, fromTag: call.toTag, toTag: call.fromTag };
  }
  return { create: call.offer, fromTag: call.fromTag, toTag: call.toTag };
}

interface Relayed {
  readonly port: number;
  readonly address: string;
  readonly family: 4 | 6;
}

/** The modifiers that depend on the node's capabilities. */
function nodeModifiers(ctx: Ctx, node: RtpproxyNode, flags: RtpproxyFlags, medium: SdpMedia): string {
  let modifiers = "";
  if (flags.repacketize !== "") {
    if (node.capabilities.has("repacketize")) modifiers += flags.repacketize;
    else ctx.log(L_WARN, "WARNING:rtpproxy:rtpproxy_offer_answer: re-packetization is requested but is not supported by the selected RTP proxy node");
  }
  if (medium.payloadTypes !== "" && node.capabilities.has("codecs")) modifiers += codecsModifier(medium.payloadTypes);
  if (node.capabilities.has("ttlChange")) modifiers += flags.ttl;
  return modifiers;
}

/**
 * Sends the medium's command (with the modifiers of the node it goes to) until a node answers
 * it; the reply and its node, or null (logged) on failure.
 */
function exchange(ctx: Ctx, rtpproxy: Rtpproxy, call: OfferAnswerCall, command: StreamCommand, medium: SdpMedia): { reply: string; node: RtpproxyNode } | null {
  const tried = new Set<RtpproxyNode>();
  for (;;) {
    const node = selectNode(ctx, rtpproxy, call.set, call.callId, call.sockPv, false);
    // Each node is asked once: with rtpproxy_disable_tout 0 a failed node is enabled again at once.
    if (node === null || tried.has(node)) {
      ctx.log(L_ERR, "ERROR:rtpproxy:rtpproxy_offer_answer: no available proxies");
      return null;
    }
    tried.add(node);
    const reply = sendCommand(ctx, rtpproxy, node, streamCommand({ ...command, modifiers: command.modifiers + nodeModifiers(ctx, node, call.flags, medium) }));
    if (reply === null && !command.create) {
      ctx.log(L_ERR, "ERROR:rtpproxy:rtpproxy_offer_answer: cannot lookup a session on a different RTPProxy");
      return null;
    }
    const error = reply === null ? 0 : replyError(reply);
    if (reply !== null && error === 0) return { reply, node };
    if (error !== 0 && !NODE_ERRORS.includes(error)) {
      ctx.log(L_ERR, `ERROR:rtpproxy:rtpproxy_offer_answer: unhandled rtpproxy error: ${error}`);
      return null;
    }
    if (error !== 0) disableNode(ctx, rtpproxy, node);
    if (!call.offer) {
      ctx.log(L_ERR, `ERROR:rtpproxy:rtpproxy_offer_answer: no reply from rtp proxy (error ${error})`);
      return null;
    }
  }
}

/** What replaces the medium's address and port; null (logged) when rtpproxy's reply is unusable. */
function relayed(ctx: Ctx, call: OfferAnswerCall, node: RtpproxyNode, reply: string, sdpAddress: string, sourceFamily: 4 | 6): Relayed | null {
  const words = reply.trim().split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) {
    ctx.log(L_ERR, "ERROR:rtpproxy:rtpproxy_offer_answer: no reply from rtp proxy");
    return null;
  }
  const port = Number.parseInt(words[0]!, 10) || 0;
  if (port <= 0 || port > 65535) {
    if (port !== 0 || !call.flags.lookup) ctx.log(L_ERR, `ERROR:rtpproxy:rtpproxy_offer_answer: incorrect port ${port} in reply from rtp proxy`);
    return null;
  }
  let family: 4 | 6 = words[2]?.startsWith("6") ? 6 : 4;
  if (isNullAddress(sdpAddress, sourceFamily)) return { port, address: family === 6 ? "::" : "0.0.0.0", family };
  let address = call.ip ?? node.spec.advertised ?? words[1] ?? null;
  if (address === null) {
    address = ctx.engine.script.sockets[0]?.host ?? "127.0.0.1";
    family = address.includes(":") ? 6 : 4;
  }
  return { port, address, family };
}

interface MediumToRelay {
  readonly medium: SdpMedia;
  /** Its number in the body, from 1. */
  readonly number: number;
  /** Its c= address (its own, or the session's). */
  readonly address: SdpAddress;
}

/** One medium through rtpproxy; sent from the message's source address, or the SDP's with `a`/`r`. */
function relayMedium(ctx: Ctx, rtpproxy: Rtpproxy, call: OfferAnswerCall, session: SessionTags, { medium, number, address }: MediumToRelay): Relayed | null {
  const trusted = call.flags.asymmetric || call.flags.trustAddress;
  const source = trusted ? { address: address.text, family: address.family } : { address: ctx.source.ip, family: ctx.source.ip.includes(":") ? (6 as const) : (4 as const) };
  const modifiers = `${call.flags.modifiers}${source.family === 6 ? "6" : ""}`;
  const command = { ...session, modifiers, callId: call.callId, address: source.address, port: medium.port.text, medium: number };
  const answer = exchange(ctx, rtpproxy, call, command, medium);
  return answer === null ? null : relayed(ctx, call, answer.node, answer.reply, address.text, source.family);
}

interface Progress {
  readonly edits: Edit[];
  sessionConnectionDone: boolean;
  originDone: boolean;
}

/** The changes OpenSIPS makes for one relayed medium. */
function mediumEdits(text: string, target: SdpTarget, flags: RtpproxyFlags, session: SdpSession, medium: SdpMedia, to: Relayed, progress: Progress): void {
  const push = (edit: Edit | null): void => {
    if (edit !== null) progress.edits.push(edit);
  };
  push(replaceSpan(medium.port, String(to.port)));
  if (medium.rtcp !== null) push(replaceSpan(medium.rtcp, `${to.port + 1} IN IP${to.family} ${to.address}`));
  if (medium.connection !== null) push(replaceAddress(medium.connection, to.address, to.family));
  const sessionC = session.connection;
  const changeSession = target === "message" ? medium.connection === null || flags.sessionConnection : medium.connection === null && flags.sessionConnection;
  if (sessionC !== null && changeSession && !progress.sessionConnectionDone) {
    push(replaceAddress(sessionC, to.address, to.family));
    progress.sessionConnectionDone = true;
  }
  if (flags.origin && !progress.originDone) {
    const origin = lineAddress(text, session.origin);
    if (origin !== null) push(replaceAddress(origin, to.address, to.family));
    progress.originDone = true;
  }
}

/** The SDP relayed through rtpproxy; null on failure (logged where OpenSIPS logs). */
export function relaySdp(ctx: Ctx, rtpproxy: Rtpproxy, call: OfferAnswerCall, text: string, target: SdpTarget): string | null {
  const session = sessionOf(ctx, call);
  if (session === null) return null;
  const marker = rtpproxy.settings.marker;
  const proxied = marker !== null && hasMarker(text, marker);
  if (proxied && !call.flags.force) return null;
  const sdp = parseSdp(text);
  if (typeof sdp === "string") {
    ctx.log(L_ERR, `ERROR:rtpproxy:rtpproxy_offer_answer: ${sdp}`);
    return null;
  }
  for (const protocol of sdp.skipped) ctx.log(L_INFO, `INFO:rtpproxy:extract_mediainfo: unsupported ptype [${protocol}]`);
  const edits: Edit[] = [];
  let number = 0;
  for (const sdpSession of sdp.sessions) {
    const progress: Progress = { edits, sessionConnectionDone: false, originDone: false };
    for (const medium of sdpSession.media) {
      number++;
      if (medium.port.text === "0") continue;
      const to = relayMedium(ctx, rtpproxy, call, session, { medium, number, address: (medium.connection ?? sdpSession.connection)! });
      if (to === null) return null;
      call.retPv?.assign(ctx, "=", `${to.address}:${to.port}`);
      if (!call.flags.keepBody) mediumEdits(text, target, call.flags, sdpSession, medium, to, progress);
    }
  }
  if (marker !== null && !proxied && !call.flags.keepBody) {
    const at = target === "message" ? markerPosition(text) : text.length;
    edits.push({ start: at, end: at, text: `${marker}\r\n` });
  }
  return applyEdits(text, edits);
}
