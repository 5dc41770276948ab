/**
 * What sip_capture() stores of the message being processed, column by column, as sipcapture.c's
 * w_sip_capture fills its `_sipcapture_object` for a message received as plain SIP: the first
 * line (a reply's status code goes in `method`), the From/To/R-URI users, tags and domains, the
 * identity, credentials and Via headers, the Homer headers (X-CID, X-OIP, X-RTP-Stat), both ends
 * of the transport, and the message as received. As in OpenSIPS, `contact_user` and `auth` are
 * always empty and `correlation_id` is only set from HEP.
 */
import type { Ctx } from "../ctx.ts";
import type { SqlCell } from "../backends/sql-types.ts";
import { parseNameAddr } from "../sip/name-addr.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import { viaBranch } from "../sip/via.ts";
import { strftime } from "../strftime.ts";
import { parseCredentials } from "./auth-credentials.ts";
import type { CaptureColumn } from "./sipcapture-settings.ts";

export type CaptureRow = Record<CaptureColumn, SqlCell>;

/** OpenSIPS's transport numbers (ip_addr.h enum sip_protos). */
const PROTO_NUMBERS: Readonly<Record<string, number>> = { udp: 1, tcp: 2, tls: 3, sctp: 4, ws: 5, wss: 6 };
const AF_INET = 2;
const AF_INET6 = 10;
const SIP_REQUEST = 1;
const SIP_REPLY = 2;

export type CaptureFields = { readonly ok: true; readonly row: CaptureRow } | { readonly ok: false; readonly error: string };

/** The URI of a name-addr header value; undefined when there is no header, null when it does not parse. */
function headerUri(value: string | null): SipUri | null | undefined {
  if (value === null) return undefined;
  const nameAddr = parseNameAddr(value);
  return nameAddr === null ? null : parseUri(nameAddr.uri);
}

/** P-Asserted-Identity's user, else P-Preferred-Identity's (a URI that does not parse counts as none). */
function identityUser(ctx: Ctx): string {
  const asserted = ctx.msg.header("p-asserted-identity");
  const value = asserted ?? ctx.msg.header("p-preferred-identity");
  return headerUri(value)?.user ?? "";
}

/** The digest username's user of Proxy-Authorization, else of Authorization. */
function authUser(ctx: Ctx): string {
  const value = ctx.msg.header("proxy-authorization") ?? ctx.msg.header("authorization");
  const credentials = value === null ? null : parseCredentials(value);
  return credentials === null || credentials === "other-scheme" ? "" : credentials.user;
}

/** X-OIP: "ip[:port]". */
function originator(ctx: Ctx): { ip: string; port: number } {
  const value = ctx.msg.header("x-oip");
  if (value === null) return { ip: "", port: 0 };
  const colon = value.indexOf(":");
  return colon < 0 ? { ip: value, port: 0 } : { ip: value.slice(0, colon), port: Number.parseInt(value.slice(colon + 1), 10) || 0 };
}

/** The first Contact's URI; null when the header is malformed. */
function contactUri(ctx: Ctx): SipUri | null | undefined {
  const contacts = ctx.msg.contacts;
  if (contacts === null) return ctx.msg.hasHeader("contact") ? null : undefined;
  if (contacts === "*" || contacts.length === 0) return undefined;
  return parseUri(contacts[0]!.uri);
}

function localSocket(ctx: Ctx): { ip: string; port: number } {
  const socket = ctx.engine.script.sockets[0];
  return { ip: socket?.host ?? "127.0.0.1", port: socket?.port ?? 5060 };
}

/** The row for the message of `ctx`, captured at `nowMs` by `node`; an error for a From, To or Contact that does not parse. */
export function captureFields(ctx: Ctx, nowMs: number, node: string, custom: readonly string[]): CaptureFields {
  const msg = ctx.msg;
  const from = headerUri(msg.header("from"));
  if (from === null) return { ok: false, error: "bad from dropping packet" };
  const to = headerUri(msg.header("to"));
  if (to === null) return { ok: false, error: "bad to dropping packet" };
  const contact = contactUri(ctx);
  if (contact === null) return { ok: false, error: "while parsing <Contact:> header" };
  const ruri = msg.isRequest ? msg.parsedRuri : null;
  const topVia = msg.topVia;
  const origin = originator(ctx);
  const local = localSocket(ctx);
  const source = ctx.source;
  const row: CaptureRow = {
    date: strftime("%Y-%m-%d %H:%M:%S", new Date(Math.floor(nowMs / 1000) * 1000)),
    micro_ts: nowMs * 1000,
    method: msg.isRequest ? (msg.method ?? "") : String(msg.statusCode ?? ""),
    reply_reason: msg.reason ?? "",
    ruri: msg.originalRuri ?? "",
    ruri_user: ruri?.user ?? "",
    from_user: from?.user ?? "",
    from_tag: msg.fromTag ?? "",
    to_user: to?.user ?? "",
    to_tag: msg.toTag ?? "",
    pid_user: identityUser(ctx),
    contact_user: "",
    auth_user: authUser(ctx),
    callid: msg.callId ?? "",
    callid_aleg: msg.header("x-cid") ?? "",
    via_1: msg.header("via") ?? "",
    via_1_branch: topVia === null ? "" : (viaBranch(topVia) ?? ""),
    cseq: msg.header("cseq") ?? "",
    reason: msg.header("reason") ?? "",
    content_type: msg.header("content-type") ?? "",
    auth: "",
    user_agent: msg.header("user-agent") ?? "",
    source_ip: source.ip,
    source_port: source.port,
    destination_ip: local.ip,
    destination_port: local.port,
    contact_ip: contact?.host ?? "",
    contact_port: contact?.port ?? 0,
    originator_ip: origin.ip,
    originator_port: origin.port,
    proto: PROTO_NUMBERS[source.proto.toLowerCase()] ?? 0,
    family: source.ip.includes(":") ? AF_INET6 : AF_INET,
    rtp_stat: msg.header("x-rtp-stat") ?? msg.header("p-rtp-stat") ?? "",
    type: msg.isRequest ? SIP_REQUEST : SIP_REPLY,
    node,
    correlation_id: "",
    from_domain: from?.host ?? "",
    to_domain: to?.host ?? "",
    ruri_domain: ruri?.host ?? "",
    msg: msg.text,
    custom_field1: custom[0] ?? "",
    custom_field2: custom[1] ?? "",
    custom_field3: custom[2] ?? "",
  };
  return { ok: true, row };
}
