/**
 * The main registrar's 2xx to a forwarded REGISTER (save.c mid_reg_resp_in, a TMCB_RESPONSE_IN
 * callback: it runs before the transaction's onreply_route and before tm relays the reply). The
 * bindings are saved only now, as the main registrar decided them, and the reply relayed to the UA
 * lists the UA-side contacts instead of the proxy's:
 *
 * - modes 0 and 1: each request contact is found in the reply by its contact id; it gets the
 *   expiry it asked for, or the main registrar's if shorter; a contact the reply leaves out is
 *   removed. The reply's Contacts and Expires header are replaced by the AoR's bindings, each with
 *   its `;expires=`. In mode 1 each contact remembers what upstream granted and when, for
 *   throttling.
 * - mode 2: the reply's one Contact (the AoR's) gives the expiry granted upstream; the request's
 *   contacts are saved with at most that, and the reply lists them instead.
 * - `Contact: *`: every binding of the AoR goes.
 *
 * A reply lacking a contact that asked to register is left alone (nothing saved). Going over
 * max_contacts without the `f` flag loses the AoR's bindings (as delete_urecord does in OpenSIPS).
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_INFO } from "../log-level.ts";
import type { NameAddr } from "../sip/name-addr.ts";
import { paramValue } from "../sip/params.ts";
import { parseUri } from "../sip/uri.ts";
import { topBranch } from "../tm/keys.ts";
import { tmEngine } from "../tm/state.ts";
import { outgoingExpires } from "./mid-registrar-forward.ts";
import { registrationOf, type Registration } from "./mid-registrar-info.ts";
import { contactHeader } from "./mid-registrar-reply.ts";
import { headerExpires, statedExpires, type RequestContact } from "./mid-registrar-request.ts";
import { THROTTLE_AOR, THROTTLE_CONTACTS, type MidRegistrarSettings } from "./mid-registrar-settings.ts";
import { bindingOf, midRegistrarState, type BindingSource, type ContactThrottle, type MidRegistrarStore } from "./mid-registrar-store.ts";

interface Saving {
  readonly ctx: Ctx;
  readonly settings: MidRegistrarSettings;
  readonly store: MidRegistrarStore;
  readonly registration: Registration;
  /** The reply's Expires header (as headerExpires reads it, "invalid" excluded). */
  readonly replyExpires: number | null | undefined;
  readonly source: BindingSource;
  /** Live contacts of the AoR, for max_contacts. */
  count: number;
}

/** The reply contact carrying contact id `id` (its ctid param, or its user with contact_id_insertion ct-user). */
function replyContactOf(s: Saving, id: number): NameAddr | null {
  const contacts = s.ctx.msg.contacts;
  if (contacts === null || contacts === "*") return null;
  const wanted = String(id);
  return (
    contacts.find((c) => {
      const uri = parseUri(c.uri);
      return uri !== null && (s.settings.contactIdInUser ? uri.user : paramValue(uri.params, s.settings.contactIdParam)) === wanted;
    }) ?? null
  );
}

/** What the reply grants a contact: its `expires` param, else the reply's Expires header, else default_expires. */
function granted(s: Saving, contact: NameAddr): number {
  return statedExpires(contact.params, s.replyExpires, s.settings.defaultExpires);
}

/**
 * Saves one request contact with `expires` (0 removes it); `inReply` says whether upstream kept
 * it. False when max_contacts is reached without the force flag.
 */
function saveContact(s: Saving, contact: RequestContact, id: number, expires: number, inReply: boolean, throttle: ContactThrottle | null): boolean {
  const { store, registration } = s;
  const { table, request } = registration;
  const now = store.clock;
  const stored = store.contact(table, request.aor, contact.uri);
  if (stored !== null && (expires === 0 || !inReply)) {
    store.remove(table, request.aor, contact.uri);
    s.count--;
    return true;
  }
  if (stored === null && (expires === 0 || !inReply)) return true;
  if (stored === null && registration.maxContacts > 0 && s.count >= registration.maxContacts) {
    s.ctx.log(L_INFO, `INFO:mid_registrar:save: AOR <${request.aor}> is already at max contacts (${registration.maxContacts})`);
    if (!registration.flags.force) return false;
    store.trim(table, request.aor, s.count - registration.maxContacts + 1);
  }
  store.put(table, request.aor, bindingOf(contact, now + expires, s.source), { id: stored?.data?.id ?? id, lastModified: now, throttle });
  s.count = store.contacts(table, request.aor).length;
  return true;
}

/** Replaces the reply's Contacts with the AoR's bindings (only the request's with the `o` flag). */
function listBindings(s: Saving): void {
  const { table, request, flags } = s.registration;
  const uris = new Set(request.contacts.map((c) => c.uri));
  const bindings = s.store
    .contacts(table, request.aor)
    .map((c) => c.binding)
    .filter((b) => !flags.requestContactsOnly || uris.has(b.uri));
  const header = contactHeader(bindings, s.store.clock, s.settings.receivedParam);
  if (header !== "") s.ctx.msg.appendHeader(header);
}

function failed(s: Saving): void {
  const { table, request } = s.registration;
  s.store.removeAll(table, request.aor);
  s.ctx.log(L_ERR, `ERROR:mid_registrar:mid_reg_resp_in: failed to process rpl contacts for AoR '${request.aor}'`);
}

/** save_restore_rpl_contacts (modes 0 and 1). */
function saveReplyContacts(s: Saving): void {
  const { registration, settings } = s;
  const ids = registration.contactIds ?? [];
  const contacts = registration.request.contacts;
  const missing = contacts.some((c, i) => outgoingExpires(settings, registration, c) !== 0 && replyContactOf(s, ids[i]!) === null);
  if (missing) {
    s.ctx.log(L_ERR, `ERROR:mid_registrar:save_restore_rpl_contacts: 200 OK reply does not include all req contacts! (ci: ${registration.request.callId})`);
    return;
  }
  s.ctx.msg.removeHeaders("contact");
  const now = s.store.clock;
  for (const [i, contact] of contacts.entries()) {
    const inReply = replyContactOf(s, ids[i]!);
    const expiresOut = inReply === null ? 0 : granted(s, inReply);
    const expires = Math.min(contact.expires, inReply === null ? contact.expires : expiresOut);
    const throttle = settings.mode === THROTTLE_CONTACTS ? { expires, expiresOut, lastRegistered: now } : null;
    if (!saveContact(s, contact, ids[i]!, expires, inReply !== null, throttle)) return failed(s);
  }
  listBindings(s);
  s.ctx.msg.removeHeaders("expires");
}

/** save_restore_req_contacts (mode 2). */
function saveRequestContacts(s: Saving): void {
  const { store, registration } = s;
  const { table, request } = registration;
  const replied = s.ctx.msg.contacts;
  const aorContact = replied === null || replied === "*" ? null : (replied[0] ?? null);
  const expiresOut = aorContact === null ? -1 : granted(s, aorContact);
  const previous = store.aorThrottle(table, request.aor);
  if (store.contacts(table, request.aor).length === 0 && aorContact === null) return;
  if (aorContact !== null) s.ctx.msg.rewriteField(s.ctx.msg.headerFields.findIndex((field) => field.is("contact")), "");
  const now = store.clock;
  for (const contact of request.contacts) {
    if (aorContact === null && contact.expires !== 0) s.ctx.log(L_ERR, `ERROR:mid_registrar:save_restore_req_contacts: 200 OK from main registrar is missing Contact '${contact.uri}'`);
    const expires = aorContact === null ? contact.expires : Math.min(contact.expires, expiresOut);
    const id = store.contactId(table, request.aor, contact.uri);
    if (!saveContact(s, contact, id, expires, aorContact !== null, { expires, expiresOut, lastRegistered: now })) return failed(s);
  }
  if (previous === null && aorContact !== null) store.setAorThrottle(table, request.aor, { expiresOut, lastRegistered: now });
  else if (previous !== null) store.setAorThrottle(table, request.aor, { ...previous, lastRegistered: aorContact === null ? 0 : now });
  listBindings(s);
}

/** An engine reply listener: the 2xx replies to REGISTERs mid_registrar_save forwarded. */
export function onMainRegistrarReply(ctx: Ctx): void {
  const id = topBranch(ctx.msg);
  const ref = id === null ? undefined : tmEngine(ctx.engine).byBranchId.get(id);
  const registration = ref === undefined ? null : registrationOf(ref.tx);
  const code = ctx.msg.statusCode ?? 0;
  if (registration === null || code < 200 || code >= 300 || registration.pendingReplies === 0) return;
  if (ctx.msg.cseq?.method !== "REGISTER") return;
  registration.pendingReplies--;
  const { settings, store } = midRegistrarState(ctx.engine);
  const { table, request } = registration;
  if (request.star) return store.removeAll(table, request.aor);
  const replyExpires = headerExpires(ctx.msg);
  if (replyExpires === "invalid") {
    ctx.log(L_ERR, "ERROR:mid_registrar:mid_reg_resp_in: failed to parse rpl headers");
    return;
  }
  const source: BindingSource = { callId: request.callId, cseq: request.cseq, userAgent: registration.userAgent, flags: registration.branchFlags };
  const saving: Saving = { ctx, settings, store, registration, replyExpires, source, count: store.contacts(table, request.aor).length };
  if (settings.mode === THROTTLE_AOR) saveRequestContacts(saving);
  else saveReplyContacts(saving);
}
