/**
 * t_new_request(method, ruri, from, to[, body[, ctx]]) (tm.c w_t_new_request, t_uac): a request
 * of the proxy's own, in a new dialog, sent statefully to its Request-URI. From and To are
 * "[display ]uri" (split at the last space); the body is "content-type body" (split at the first
 * space). It is built as build_uac_req does — Via, To, From, CSeq 10, a new Call-ID and From tag,
 * Content-Length, Content-Type — and goes through local_route (which may change it, its `$du`
 * included; `$avp(uac_ctx)` holds `ctx`) before it is sent. Its replies are absorbed, an INVITE's
 * negative final reply acknowledged; its transaction is forgotten after its final reply or after
 * fr_timeout (fr_inv_timeout for an INVITE). Not done: retransmissions, and the User-Agent
 * header (the runtime adds no server signature).
 */
import { createHash } from "node:crypto";
import { textArg } from "../args.ts";
import { Ctx } from "../ctx.ts";
import { runTopLevel } from "../driver.ts";
import type { EngineCore } from "../engine-core.ts";
import type { Peer } from "../env/types.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { MessageState } from "../message-state.ts";
import { buildAck } from "../sip/ack-cancel.ts";
import type { SipMessage } from "../sip/message.ts";
import { parseSipMessage } from "../sip/parse.ts";
import { isSendableDestination } from "./destination.ts";
import { branchId, topBranch } from "./keys.ts";
import { localVia } from "./local-via.ts";
import { tmEngine } from "./state.ts";

/** tm's DEFAULT_CSEQ. */
const FIRST_CSEQ = 10;
const CONTEXT_AVP = "uac_ctx";
const DATA_KEY = "tm:new-request";

export interface NewRequest {
  readonly method: string;
  readonly ruri: string;
  readonly from: string;
  readonly to: string;
  /** "content-type body", or null for none. */
  readonly body: string | null;
  /** The value local_route sees in `$avp(uac_ctx)`, or null. */
  readonly context: string | null;
  /** Extra header lines, each ending in CRLF (t_uac's `headers`: msilo's Date, Content-Type, Contact). */
  readonly headers?: string;
  /** Where to send it instead of its Request-URI (t_uac's outbound proxy). */
  readonly outboundProxy?: string;
  /** Told the final reply's code (408 when none came before fr_timeout), like a TMCB_LOCAL_COMPLETED callback. */
  readonly onFinal?: (code: number) => void;
}

interface Pending {
  /** The request as sent. */
  readonly request: SipMessage;
  readonly dst: string;
  readonly onFinal: ((code: number) => void) | undefined;
}

/** The engine's local requests waiting for their final reply, by Via branch. */
class LocalRequests {
  readonly pending = new Map<string, Pending>();
  sent = 0;
}

function localRequests(engine: EngineCore): LocalRequests {
  let data = engine.moduleData.get(DATA_KEY);
  if (!(data instanceof LocalRequests)) {
    const created = new LocalRequests();
    engine.replyListeners.push((ctx) => absorbReply(ctx, created));
    engine.moduleData.set(DATA_KEY, created);
    data = created;
  }
  return data as LocalRequests;
}

function absorbReply(ctx: Ctx, requests: LocalRequests): void {
  const branch = topBranch(ctx.msg);
  const pending = branch === null ? undefined : requests.pending.get(branch);
  const code = ctx.msg.statusCode ?? 0;
  if (branch === null || pending === undefined || code < 200) return;
  requests.pending.delete(branch);
  const { request, dst } = pending;
  pending.onFinal?.(code);
  if (request.method === "INVITE" && code >= 300) {
    ctx.engine.env.relay({ msg: ctx.msgId, ruri: request.ruri ?? "", dst, text: buildAck(request, ctx.msg) });
  }
}

/** "display uri" as build_uac_req prints it: `display<uri>`, or the bare URI. */
function address(text: string): string {
  const space = text.lastIndexOf(" ");
  return space < 0 ? text : `${text.slice(0, space)}<${text.slice(space + 1)}>`;
}

function ids(ctx: Ctx, requests: LocalRequests, host: string): { callId: string; fromTag: string } {
  const seed = `${ctx.engine.startTime}:${++requests.sent}`;
  const callId = `${createHash("sha1").update(seed).digest("hex").slice(0, 16)}-${ctx.engine.env.pid + ctx.worker.index}@${host}`;
  return { callId, fromTag: createHash("md5").update(callId).digest("hex") };
}

function localPeer(engine: EngineCore): Peer {
  const socket = engine.script.sockets[0];
  return { proto: socket?.proto ?? "udp", ip: socket?.host ?? "127.0.0.1", port: socket?.port ?? 5060 };
}

interface TypedBody {
  readonly type: string;
  readonly content: string;
}

/** The text build_uac_req makes: request line, Via, To, From, CSeq, Call-ID, Content-Length, extra headers, Content-Type, body. */
function requestText(ctx: Ctx, request: NewRequest, body: TypedBody | null, branch: string, peer: Peer, callId: string, fromTag: string): string {
  // A fresh message state: nothing advertised, the Via names the socket.
  const via = localVia(ctx.engine, new MessageState(ctx.msg, peer), branch);
  const content = body?.content ?? "";
  return (
    `${request.method} ${request.ruri} SIP/2.0\r\n` +
    `Via: ${via}\r\n` +
    `To: ${address(request.to)}\r\n` +
    `From: ${address(request.from)};tag=${fromTag}\r\n` +
    `CSeq: ${FIRST_CSEQ} ${request.method}\r\n` +
    `Call-ID: ${callId}\r\n` +
    `Content-Length: ${Buffer.byteLength(content)}\r\n` +
    (request.headers ?? "") +
    (body === null ? "" : `Content-Type: ${body.type}\r\n`) +
    `\r\n${content}`
  );
}

/** Builds, routes and sends the request; 1 when it went out, -1 (logged) otherwise. */
export function sendNewRequest(ctx: Ctx, request: NewRequest): number {
  const engine = ctx.engine;
  const space = request.body?.indexOf(" ") ?? -1;
  if (request.body !== null && space < 0) {
    ctx.log(L_ERR, `ERROR:tm:w_t_new_request: Content Type not found in the beginning of body <${request.body}>`);
    return -1;
  }
  const body = request.body === null ? null : { type: request.body.slice(0, space), content: request.body.slice(space + 1) };
  const requests = localRequests(engine);
  const peer = localPeer(engine);
  const { callId, fromTag } = ids(ctx, requests, peer.ip);
  const branch = branchId(`local\n${callId}`, 0);
  const parsed = parseSipMessage(requestText(ctx, request, body, branch, peer, callId, fromTag));
  if (!parsed.ok) {
    ctx.log(L_ERR, `ERROR:tm:t_uac: failed to build the request: ${parsed.error}`);
    return -1;
  }
  const state = new MessageState(parsed.msg, peer);
  if (request.context !== null) state.avps.push(CONTEXT_AVP, request.context);
  const localRoute = engine.script.routes.local;
  if (localRoute !== null) runTopLevel(new Ctx(engine, ctx.worker, ctx.msgId, "local", state, null), localRoute);
  const ruri = state.msg.ruri ?? "";
  const dst = state.dstUri ?? request.outboundProxy ?? ruri;
  if (!isSendableDestination(dst)) {
    ctx.log(L_ERR, `ERROR:tm:t_uac: failed to send the request out: bad destination <${dst}>`);
    return -1;
  }
  requests.pending.set(branch, { request: state.msg, dst, onFinal: request.onFinal });
  const settings = tmEngine(engine);
  const expire = (): void => {
    if (requests.pending.delete(branch)) request.onFinal?.(408);
  };
  setTimeout(expire, (request.method === "INVITE" ? settings.frInvTimeout : settings.frTimeout) * 1000).unref();
  engine.env.relay({ msg: ctx.msgId, ruri, dst, text: state.msg.toString() });
  return 1;
}

/** The script function: t_new_request(method, ruri, from, to[, body[, ctx]]). */
export const T_NEW_REQUEST: FunctionImpl = {
  call: (ctx, [method, ruri, from, to, body, context]) =>
    sendNewRequest(ctx, {
      method: textArg(method) ?? "",
      ruri: textArg(ruri) ?? "",
      from: textArg(from) ?? "",
      to: textArg(to) ?? "",
      body: textArg(body),
      context: textArg(context),
    }),
};
