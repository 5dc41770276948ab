/**
 * Topology hiding without a dialog (th_no_dlg_logic.c): whatever a side needs to be reached again
 * travels in the Contact the other side sees, `<sip:[user@]proxy;thinfo=…>` (topology-hiding-
 * thinfo.ts): its route set, its real Contact, the flags and the socket.
 * - topology_hiding() on a request: its Vias and Record-Routes go, its Contact is hidden; the
 *   replies relayed upstream get their Contact hidden (3xx excepted), the request's Vias and
 *   Record-Routes instead of theirs.
 * - topology_hiding_match() on a sequential request to the proxy (Request-URI ours, no Route)
 *   carrying the parameter: the request goes to the decoded Contact through the decoded route
 *   set, its own Vias and Record-Routes go and its Contact is hidden the same way; its replies
 *   get their Contact hidden with the route set the request was sent through.
 */
import type { Ctx } from "../ctx.ts";
import { findListeningSocket } from "../dset.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import type { MessageState } from "../message-state.ts";
import { isMyself } from "../myself.ts";
import type { HeaderField } from "../sip/header-field.ts";
import type { NameAddr } from "../sip/name-addr.ts";
import type { SipMessage } from "../sip/message.ts";
import { sendAddress, receiveSocket } from "./topology-hiding-address.ts";
import { DID_IN_USER, HIDE_CALLID, KEEP_USER, type ContactUsers } from "./topology-hiding-args.ts";
import { advertisedContact, contactUser, firstContact, type ContactField } from "./topology-hiding-contact.ts";
import { replaceFieldValue } from "./topology-hiding-field.ts";
import { recordRouteSet, restorePath, routeThrough, stripPath } from "./topology-hiding-path.ts";
import { hideRepliesOf, type ReplyHider } from "./topology-hiding-replies.ts";
import type { ContactScheme, TopologyHidingSettings } from "./topology-hiding-settings.ts";
import { decodeHiddenInfo, encodeHiddenInfo } from "./topology-hiding-thinfo.ts";

interface Hiding {
  readonly ctx: Ctx;
  /** The state whose message settings (advertised address) the message leaves with. */
  readonly outgoing: MessageState;
  readonly settings: TopologyHidingSettings;
  readonly scheme: ContactScheme;
}

/** The Contact that hides `original`; null when the information is too long to encode. */
function hidingContact(h: Hiding, original: NameAddr, routes: string, flags: number, user: string | null): string | null {
  const info = { routes, contact: original.uri, flags, socket: receiveSocket(h.ctx.engine) };
  const encoded = encodeHiddenInfo(info, h.settings.contactPassword, h.scheme);
  if (encoded === null) return null;
  return advertisedContact(original, user, sendAddress(h.ctx.engine, h.outgoing), `;${h.settings.contactParam}=${encoded}`, h.settings);
}

/** The new value of the Contact field (null: the message has none), or why it cannot be hidden. */
type ContactChange = { readonly field: HeaderField; readonly value: string } | null | string;

function contactChange(h: Hiding, contact: ContactField | null | string, routes: string, flags: number, userOverride: string | null): ContactChange {
  if (contact === null || typeof contact === "string") return contact;
  const user = flags & KEEP_USER ? (userOverride ?? contactUser(contact.contact)) : null;
  const value = hidingContact(h, contact.contact, routes, flags, user);
  return value === null ? "the hidden information is too long" : { field: contact.field, value };
}

function applyContactChange(msg: SipMessage, change: Exclude<ContactChange, string>): void {
  if (change !== null) replaceFieldValue(msg, change.field, change.value);
}

function contactError(ctx: Ctx, why: string): number {
  ctx.log(L_ERR, `ERROR:topology_hiding:topo_no_dlg_encode_contact: Failed to encode contact header: ${why}`);
  return -1;
}

/** The replies' hider: `routes` "" takes the reply's own Record-Routes (reversed) as the route set to hide. */
function replyHider(settings: TopologyHidingSettings, scheme: ContactScheme, keepUser: boolean, user: string | null, routes: string, initial: boolean): ReplyHider {
  return ({ reply, request, source }) => {
    const msg = reply.msg;
    const code = msg.statusCode ?? 0;
    if (code < 300 || code >= 400) {
      const h: Hiding = { ctx: reply, outgoing: request, settings, scheme };
      const change = contactChange(h, firstContact(msg), routes || recordRouteSet(msg, true), keepUser ? KEEP_USER : 0, user);
      if (typeof change === "string") contactError(reply, change);
      else applyContactChange(msg, change);
    }
    restorePath(msg, request.msg, source, request.forceRport, initial ? recordRouteSet(request.msg, false) : "");
  };
}

/** topology_hiding() on a request without a dialog. */
export function hideWithoutDialog(ctx: Ctx, flags: number, users: ContactUsers, settings: TopologyHidingSettings, scheme: ContactScheme): number {
  if (flags & HIDE_CALLID) ctx.log(L_WARN, "WARNING:topology_hiding:topo_hiding_no_dlg: Cannot hide callid when dialog support is not engaged!");
  if (flags & DID_IN_USER) ctx.log(L_WARN, "WARNING:topology_hiding:topo_hiding_no_dlg: Cannot store DID in user when dialog support is not engaged!");
  const change = contactChange({ ctx, outgoing: ctx.state, settings, scheme }, firstContact(ctx.msg), recordRouteSet(ctx.msg, false), flags, users.callee);
  if (typeof change === "string") return contactError(ctx, change);
  stripPath(ctx.msg);
  applyContactChange(ctx.msg, change);
  hideRepliesOf(ctx.state, replyHider(settings, scheme, (flags & KEEP_USER) !== 0, users.caller, "", true));
  return 1;
}

/** topology_hiding_match() for a request the dialog module does not know: 1 when it was routed by its `thinfo`. */
export function matchWithoutDialog(ctx: Ctx, settings: TopologyHidingSettings, scheme: ContactScheme): number {
  const ruri = ctx.msg.parsedRuri;
  if (ruri === null) {
    ctx.log(L_ERR, "ERROR:topology_hiding:topology_hiding_match: Failed to parse request URI");
    return -1;
  }
  if (!isMyself(ctx.engine, ctx.msg.ruri ?? "") || ctx.msg.hasHeader("route")) return -1;
  const param = ruri.params.find((p) => p.name === settings.contactParam);
  if (param === undefined) return -1;
  const fail = (why: string): number => {
    ctx.log(L_ERR, `ERROR:topology_hiding:topo_no_dlg_seq_handling: ${why}`);
    return -1;
  };
  const info = decodeHiddenInfo(param.value ?? "", settings.contactPassword, scheme);
  if (typeof info === "string") return fail(info);
  const change = contactChange({ ctx, outgoing: ctx.state, settings, scheme }, firstContact(ctx.msg), recordRouteSet(ctx.msg, false), info.flags, null);
  if (typeof change === "string") return contactError(ctx, change);
  const routed = routeThrough(ctx, info.contact, info.routes);
  if ("error" in routed) return fail(routed.error);
  if (info.socket !== "" && findListeningSocket(ctx.engine.script, info.socket) === null) {
    ctx.log(L_WARN, `WARNING:topology_hiding:topo_no_dlg_seq_handling: non-local socket <${info.socket}>...ignoring`);
  }
  stripPath(ctx.msg);
  applyContactChange(ctx.msg, change);
  hideRepliesOf(ctx.state, replyHider(settings, scheme, (info.flags & KEEP_USER) !== 0, null, routed.routeSet, false));
  return 1;
}
