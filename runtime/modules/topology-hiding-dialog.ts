/**
 * Topology hiding on top of a dialog (topo_hiding_logic.c topo_hiding_with_dlg, topo_dlg_onroute,
 * dlg_th_onreply): the dialog keeps each side's Contact and route set (the caller's from the
 * INVITE, the callee's from its replies), and each side sees the proxy's Contact
 * `<sip:[user@]proxy;did=…>` (the dialog id in reverse hex, as the dialog module writes it; in the
 * username with the D flag).
 * - topology_hiding(): the INVITE loses its Vias and Record-Routes, its Contact is hidden (and its
 *   Call-ID encoded with C); replies relayed to the caller get the proxy's Contact (3xx excepted),
 *   the INVITE's Vias and its Record-Routes instead of their own.
 * - a sequential request matched to the dialog goes to the other side's Contact through its route
 *   set, without its Vias and Record-Routes, with the proxy's Contact (or the one advertised
 *   first, with a/A); its replies are hidden the same way, without Record-Routes.
 * - C: what leaves towards the callee carries the encoded Call-ID, what comes from it is decoded.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { MessageState } from "../message-state.ts";
import type { SipMessage } from "../sip/message.ts";
import type { NameAddr } from "../sip/name-addr.ts";
import { sendAddress } from "./topology-hiding-address.ts";
import { DID_IN_USER, HIDE_CALLID, KEEP_CALLEE_CONTACT, KEEP_CALLER_CONTACT, KEEP_USER, type ContactUsers } from "./topology-hiding-args.ts";
import { decodeCallId, encodeCallId } from "./topology-hiding-callid.ts";
import { advertisedContact, contactUser, firstContact } from "./topology-hiding-contact.ts";
import { replaceFieldValue } from "./topology-hiding-field.ts";
import { recordRouteSet, restorePath, routeThrough, stripPath } from "./topology-hiding-path.ts";
import { hideRepliesOf, type ReplyHider } from "./topology-hiding-replies.ts";
import type { TopologyHidingSettings } from "./topology-hiding-settings.ts";
import type { Dialog } from "./dialog-store.ts";

/** What the dialog knows of one side. */
interface Side {
  /** Its Contact URI; null until known. */
  contact: string | null;
  /** Its route set, comma-separated, in the order a request towards it follows. */
  routes: string;
  /** The Contact value this side was first shown (for the a/A flags). */
  advertised: string | null;
}

interface HiddenDialog {
  flags: number;
  readonly caller: Side;
  readonly callee: Side;
}

const hiddenDialogs = new WeakMap<Dialog, HiddenDialog>();

/** The topology_hiding() flags of a dialog topology hiding was engaged on; null when it was not. */
export function hidingFlags(dialog: Dialog): number | null {
  return hiddenDialogs.get(dialog)?.flags ?? null;
}

function reverseHex(n: number): string {
  return [...n.toString(16)].reverse().join("");
}

/** `entry.id` in reverse hex, as the dialog module writes its `did` parameter. */
function dialogIdText(dialog: Dialog): string {
  const [entry = 0, id = 0] = dialog.did.split(":").map(Number);
  return `${reverseHex(entry)}.${reverseHex(id)}`;
}

/** The proxy's Contact shown for `original`; `user` null shows none (the D flag then writes `X`). */
function dialogContact(ctx: Ctx, outgoing: MessageState, dialog: Dialog, flags: number, original: NameAddr, user: string | null, settings: TopologyHidingSettings): string {
  const did = dialogIdText(dialog);
  const address = sendAddress(ctx.engine, outgoing);
  if (flags & DID_IN_USER) return advertisedContact(original, `${user ?? "X"}.${settings.dialogIdParam}.${did}`, address, "", settings);
  return advertisedContact(original, user, address, `;${settings.dialogIdParam}=${did}`, settings);
}

/** The username shown to one side: with U, the one given to topology_hiding() for it, else the hidden Contact's own. */
function shownUser(dialog: Dialog, flags: number, userVar: string, original: NameAddr): string | null {
  if (!(flags & KEEP_USER)) return null;
  const given = dialog.vals.get(userVar);
  return given === undefined || given === null || given === "" ? contactUser(original) : String(given);
}

interface ContactPlan {
  readonly toCaller: boolean;
  /** Use the Contact first shown to that side when the a/A flag asks for it. */
  readonly keepAdvertised: boolean;
}

/** Hides the Contact of `msg`, sent to the caller or the callee side; the value shown is remembered as that side's first one. */
function hideContact(ctx: Ctx, msg: SipMessage, outgoing: MessageState, dialog: Dialog, th: HiddenDialog, settings: TopologyHidingSettings, plan: ContactPlan): void {
  const contact = firstContact(msg);
  if (contact === null) return;
  if (typeof contact === "string") {
    ctx.log(L_ERR, `ERROR:topology_hiding:topo_dlg_replace_contact: ${contact}`);
    return;
  }
  const side = plan.toCaller ? th.caller : th.callee;
  const keep = plan.keepAdvertised && (th.flags & (plan.toCaller ? KEEP_CALLER_CONTACT : KEEP_CALLEE_CONTACT)) !== 0;
  const user = shownUser(dialog, th.flags, plan.toCaller ? settings.callerUserVar : settings.calleeUserVar, contact.contact);
  const value = keep && side.advertised !== null ? side.advertised : dialogContact(ctx, outgoing, dialog, th.flags, contact.contact, user, settings);
  side.advertised ??= value;
  replaceFieldValue(msg, contact.field, value);
}

/** Sends the Call-ID of `msg` encoded (`encode`) or decoded; nothing when it has none or it is not an encoded one. */
function recodeCallId(msg: SipMessage, encode: boolean, settings: TopologyHidingSettings): void {
  const field = msg.headerFields.find((f) => f.is("call-id"));
  const value = field === undefined ? null : encode ? encodeCallId(field.value, settings) : decodeCallId(field.value, settings);
  if (field !== undefined && value !== null) replaceFieldValue(msg, field, value);
}

/** The hider of the replies to a request sent to the other side: they go `toCaller` or to the callee. */
function replyHider(dialog: Dialog, th: HiddenDialog, settings: TopologyHidingSettings, toCaller: boolean, initial: boolean): ReplyHider {
  return ({ reply, request, source }) => {
    const msg = reply.msg;
    const code = msg.statusCode ?? 0;
    if (th.flags & HIDE_CALLID) recodeCallId(msg, !toCaller, settings);
    const contact = initial && code > 100 && code < 300 ? firstContact(msg) : null;
    if (contact !== null && typeof contact !== "string") {
      th.callee.contact = contact.contact.uri;
      th.callee.routes = recordRouteSet(msg, true);
    }
    if (!initial || code < 300 || code >= 400) hideContact(reply, msg, request, dialog, th, settings, { toCaller, keepAdvertised: !initial });
    restorePath(msg, request.msg, source, request.forceRport, initial ? th.caller.routes : "");
  };
}

/** topology_hiding() on an initial request with a dialog. */
export function hideWithDialog(ctx: Ctx, dialog: Dialog, flags: number, users: ContactUsers, settings: TopologyHidingSettings): number {
  const engaged = hiddenDialogs.get(dialog);
  if (engaged !== undefined) {
    engaged.flags |= flags;
    return 1;
  }
  const contact = firstContact(ctx.msg);
  if (typeof contact === "string") {
    ctx.log(L_ERR, `ERROR:topology_hiding:topo_hiding_with_dlg: Failed to replace contact: ${contact}`);
    return -1;
  }
  if (users.caller !== null) dialog.vals.set(settings.callerUserVar, users.caller);
  if (users.callee !== null) dialog.vals.set(settings.calleeUserVar, users.callee);
  const th: HiddenDialog = {
    flags,
    caller: { contact: contact?.contact.uri ?? null, routes: recordRouteSet(ctx.msg, false), advertised: null },
    callee: { contact: null, routes: "", advertised: null },
  };
  hiddenDialogs.set(dialog, th);
  stripPath(ctx.msg);
  hideContact(ctx, ctx.msg, ctx.state, dialog, th, settings, { toCaller: false, keepAdvertised: false });
  if (flags & HIDE_CALLID) recodeCallId(ctx.msg, true, settings);
  hideRepliesOf(ctx.state, replyHider(dialog, th, settings, true, true));
  return 1;
}

/**
 * A sequential request the dialog module matched: sent to the other side when topology hiding
 * is engaged on the dialog. Always 1, as in OpenSIPS, where a failure here is only logged.
 */
export function routeInDialog(ctx: Ctx, dialog: Dialog, settings: TopologyHidingSettings): number {
  const th = hiddenDialogs.get(dialog);
  if (th === undefined) return 1;
  const toCallee = ctx.msg.fromTag === dialog.fromTag;
  const target = toCallee ? th.callee : th.caller;
  const routed = target.contact === null ? { error: "the dialog does not know that side's Contact yet" } : routeThrough(ctx, target.contact, target.routes);
  if ("error" in routed) {
    ctx.log(L_ERR, `ERROR:topology_hiding:topo_dlg_onroute: Failed to fix the SIP request according to dialog info: ${routed.error}`);
    return 1;
  }
  stripPath(ctx.msg);
  hideContact(ctx, ctx.msg, ctx.state, dialog, th, settings, { toCaller: !toCallee, keepAdvertised: true });
  if ((th.flags & HIDE_CALLID) !== 0 && toCallee) recodeCallId(ctx.msg, true, settings);
  hideRepliesOf(ctx.state, replyHider(dialog, th, settings, toCallee, false));
  return 1;
}

/**
 * The C flag's decoding of a sequential request from the callee (OpenSIPS does it before
 * parsing the message): the request is read again with the caller's Call-ID, so the dialog
 * module matches it. The script before topology_hiding_match() still saw the encoded one.
 */
export function decodeSequentialCallId(ctx: Ctx, settings: TopologyHidingSettings): void {
  const method = ctx.msg.cseq?.method ?? "";
  if (ctx.msg.toTag === null || ["REGISTER", "PUBLISH", "SUBSCRIBE"].includes(method)) return;
  const callId = ctx.msg.callId;
  if (callId === null || decodeCallId(callId, settings) === null) return;
  recodeCallId(ctx.msg, false, settings);
  ctx.msg.applyChanges();
}
