/**
 * The REGISTER as it goes to the main registrar (save.c mid_reg_req_fwded, run by tm for each
 * branch it sends): the mid-registrar puts itself in place of the UAs.
 *
 * - Throttling modes (1, 2) announce outgoing_expires upstream: the Expires header says so when
 *   the UA asked for something else (a removal stays 0).
 * - Mirror and contact throttling (0, 1): every Contact becomes `<sip:user@proxy:port;ctid=ID>`
 *   (or `<sip:ID@proxy:port>` with contact_id_insertion "ct-user") with `;expires=` what the UA
 *   asked (mode 0) or outgoing_expires (mode 1): the main registrar's 2xx names them by that id,
 *   and so do the requests it later sends to them.
 * - AoR throttling (2): all Contacts become one, `<sip:aor@proxy:port>`, with `;expires=` (0 when
 *   every contact unregisters) unless the request has an Expires header.
 *
 * The proxy's address is the one the branch goes out from (its socket, or the advertised
 * address); extra_contact_params_avp's value is appended inside each new URI.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { MessageState } from "../message-state.ts";
import type { SipMessage } from "../sip/message.ts";
import { splitHeaderList } from "../sip/scan.ts";
import { parseUri } from "../sip/uri.ts";
import { sentBy } from "../tm/local-via.ts";
import type { Registration } from "./mid-registrar-info.ts";
import type { RequestContact } from "./mid-registrar-request.ts";
import { MIRROR, THROTTLE_AOR, type MidRegistrarSettings } from "./mid-registrar-settings.ts";
import { midRegistrarState, type MidRegistrarStore } from "./mid-registrar-store.ts";

interface Forwarding {
  /** The run of mid_registrar_save (the REGISTER's message, for logging). */
  readonly ctx: Ctx;
  readonly settings: MidRegistrarSettings;
  readonly store: MidRegistrarStore;
  readonly registration: Registration;
  readonly branch: MessageState;
  /** `host:port` the branch goes out from. */
  readonly address: string;
}

function logError(f: Forwarding, text: string): void {
  f.ctx.log(L_ERR, `ERROR:mid_registrar:mid_reg_req_fwded: ${text}`);
}

/** The expiry announced upstream for `contact` (calc_ob_contact_expires). */
export function outgoingExpires(settings: MidRegistrarSettings, registration: Registration, contact: RequestContact): number {
  return settings.mode !== MIRROR && contact.asked > 0 ? registration.expiresOut : contact.asked;
}

/** Sends each `key` field of `msg` with a new value (`null`: dropped); false when one was already changed by the script. */
function rewriteFields(msg: SipMessage, key: string, value: (field: number, text: string) => string | null): boolean {
  let ok = true;
  let seen = 0;
  msg.headerFields.forEach((field, index) => {
    if (!field.is(key)) return;
    const text = value(seen++, field.value);
    const lineBreak = field.raw.endsWith("\r\n") ? "\r\n" : "\n";
    ok = msg.rewriteField(index, text === null ? "" : `${field.name}: ${text}${lineBreak}`) && ok;
  });
  return ok;
}

/** overwrite_contact_expirations: the Expires header takes the first expiry that changes. */
function overwriteExpires(f: Forwarding): void {
  const changed = f.registration.request.contacts.find((c) => outgoingExpires(f.settings, f.registration, c) !== c.expires);
  if (changed === undefined) return;
  const expires = outgoingExpires(f.settings, f.registration, changed);
  rewriteFields(f.branch.msg, "expires", (n, text) => (n === 0 ? String(expires) : text));
}

function extraParams(f: Forwarding): string {
  const name = f.settings.extraContactParamsAvp;
  const value = name === null ? null : f.branch.avps.top(name);
  if (typeof value === "number") logError(f, `skipping extra Contact params with int value (${value})`);
  return typeof value === "string" ? value : "";
}

function contactIds(f: Forwarding): readonly number[] {
  const { table, request } = f.registration;
  f.registration.contactIds ??= request.contacts.map((c) => f.store.contactId(table, request.aor, c.uri));
  return f.registration.contactIds;
}

/** overwrite_req_contacts (modes 0 and 1). */
function overwriteContacts(f: Forwarding): void {
  const { settings, registration } = f;
  const ids = contactIds(f);
  const extra = extraParams(f);
  const rewritten = registration.request.contacts.map((contact, i) => {
    const id = ids[i]!;
    const user = settings.contactIdInUser ? String(id) : (parseUri(contact.uri)?.user ?? null);
    const idParam = settings.contactIdInUser ? "" : `;${settings.contactIdParam}=${id}`;
    const uri = `sip:${user === null ? "" : `${user}@`}${f.address}${idParam}${extra}`;
    return `<${uri}>;expires=${outgoingExpires(settings, registration, contact)}`;
  });
  let next = 0;
  const ok = rewriteFields(f.branch.msg, "contact", (_, text) => {
    const count = splitHeaderList(text).length;
    next += count;
    return rewritten.slice(next - count, next).join(", ");
  });
  if (!ok) logError(f, "SCRIPT BUG - second attempt to change URI Contact");
}

/** trim_to_single_contact (mode 2). */
function trimToSingleContact(f: Forwarding): void {
  const { settings, registration } = f;
  const request = registration.request;
  const unregisters = request.contacts.every((c) => c.expires === 0);
  const hasExpiresHeader = (f.branch.msg.header("expires") ?? "") !== "";
  const expires = hasExpiresHeader ? "" : `;expires=${unregisters ? 0 : registration.expiresOut}`;
  const contact = `<sip:${request.aor.replaceAll("@", settings.atEscape)}@${f.address}${extraParams(f)}>${expires}`;
  const last = f.branch.msg.headerCount("contact") - 1;
  if (!rewriteFields(f.branch.msg, "contact", (n) => (n === last ? contact : null))) logError(f, "failed to overwrite Contact URI");
}

/** Changes the REGISTER of `branch` before it goes out from `sendSocket`; `ctx` is the run of mid_registrar_save. */
export function rewriteForwardedRegister(ctx: Ctx, registration: Registration, branch: MessageState, sendSocket: string | null): void {
  registration.pendingReplies++;
  registration.branchFlags = branch.branchFlags;
  if (registration.request.star) return;
  const { settings, store } = midRegistrarState(ctx.engine);
  const { host, port } = sentBy(ctx.engine, branch, sendSocket);
  const f: Forwarding = { ctx, settings, store, registration, branch, address: `${host}:${port}` };
  if (settings.mode !== MIRROR) overwriteExpires(f);
  if (settings.mode === THROTTLE_AOR) trimToSingleContact(f);
  else overwriteContacts(f);
}
