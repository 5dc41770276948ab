/**
 * Whether a REGISTER of an AoR already registered upstream must go to the main registrar, or is
 * absorbed (save.c process_contacts_by_ct / process_contacts_by_aor). Absorbing refreshes the
 * bindings here at once; the main registrar still holds them for longer (outgoing_expires).
 *
 * Contact throttling (mode 1): forwarded when a contact is new or unregisters, or when the time
 * since it last went upstream has eaten the margin it was given (granted minus asked expiry).
 * AoR throttling (mode 2): contacts are added, refreshed and removed here; the REGISTER goes
 * upstream only to remove the AoR's last contact, or once the time since the AoR last went
 * upstream reaches the largest margin of its contacts.
 */
import type { Ctx } from "../ctx.ts";
import { intModParam } from "./modparams.ts";
import type { SaveFlags } from "./mid-registrar-flags.ts";
import { ERRORS, type RegistrarError } from "./mid-registrar-reply.ts";
import type { RegisterRequest, RequestContact } from "./mid-registrar-request.ts";
import { bindingOf, type BindingSource, type MidRegistrarStore, type StoredContact } from "./mid-registrar-store.ts";

export type ThrottleDecision = "forward" | "absorb" | RegistrarError;

interface Throttled {
  readonly ctx: Ctx;
  readonly store: MidRegistrarStore;
  readonly table: string;
  readonly request: RegisterRequest;
  readonly flags: SaveFlags;
  readonly maxContacts: number;
}

const DEFAULT_CSEQ_DELAY = 20;

/**
 * usrloc's get_ucontact: the stored contact of `contact`, "retransmission" when the REGISTER
 * repeats its Call-ID and CSeq soon after it changed (cseq_delay), "invalid" for an older CSeq of
 * the same Call-ID, null when there is none.
 */
function matchContact(t: Throttled, contact: RequestContact): StoredContact | "retransmission" | "invalid" | null {
  const stored = t.store.contact(t.table, t.request.aor, contact.uri);
  if (stored === null || stored.binding.callId !== t.request.callId || t.request.cseq > stored.binding.cseq) return stored;
  if (t.request.cseq < stored.binding.cseq) return "invalid";
  const delay = intModParam(t.ctx.engine.script, "usrloc", "cseq_delay", DEFAULT_CSEQ_DELAY);
  return (stored.data?.lastModified ?? 0) + delay > t.store.clock ? "retransmission" : "invalid";
}

function source(t: Throttled): BindingSource {
  return { callId: t.request.callId, cseq: t.request.cseq, userAgent: t.ctx.msg.userAgent, flags: t.ctx.state.branchFlags };
}

/** Refreshes a stored contact from the REGISTER, for `expires` seconds. */
function refresh(t: Throttled, stored: StoredContact, contact: RequestContact, expires: number, throttle = stored.data?.throttle ?? null): void {
  const now = t.store.clock;
  const id = stored.data?.id ?? t.store.contactId(t.table, t.request.aor, contact.uri);
  t.store.put(t.table, t.request.aor, bindingOf(contact, now + expires, source(t)), { id, lastModified: now, throttle });
}

export function throttleContacts(t: Throttled): ThrottleDecision {
  const now = t.store.clock;
  for (const contact of t.request.contacts) {
    if (contact.expires === 0) return "forward";
    const stored = matchContact(t, contact);
    if (stored === "invalid") return ERRORS.invalidCseq;
    if (stored === "retransmission") continue;
    const throttle = stored?.data?.throttle ?? null;
    if (stored === null || throttle === null || now - throttle.lastRegistered >= throttle.expiresOut - contact.expires) return "forward";
    refresh(t, stored, contact, contact.expires);
  }
  return "absorb";
}

/** Makes room for one more contact under max_contacts; an error when full and not forced. */
function makeRoom(t: Throttled, count: number): RegistrarError | null {
  if (t.maxContacts === 0 || count < t.maxContacts) return null;
  if (!t.flags.force) return ERRORS.tooMany;
  t.store.trim(t.table, t.request.aor, count - t.maxContacts + 1);
  return null;
}

/** The largest margin (granted minus asked expiry) of the AoR's contacts; -1 when one has no throttling data. */
function largestMargin(t: Throttled): number {
  let margin = -1;
  for (const { data } of t.store.contacts(t.table, t.request.aor)) {
    if (data?.throttle === null || data?.throttle === undefined) return -1;
    margin = Math.max(margin, data.throttle.expiresOut - data.throttle.expires);
  }
  return margin;
}

export function throttleAor(t: Throttled): ThrottleDecision {
  const { store, table, request } = t;
  const aorThrottle = store.aorThrottle(table, request.aor);
  const registered = store.contacts(table, request.aor).length;
  if (registered === 0 || aorThrottle === null) return "forward";
  const now = store.clock;
  const expiresOut = aorThrottle.expiresOut;
  let count = registered;
  for (const contact of request.contacts) {
    const expires = Math.min(contact.expires, expiresOut);
    const stored = matchContact(t, contact);
    if (stored === "invalid") return ERRORS.invalidCseq;
    if (stored === "retransmission") continue;
    const throttle = { expires, expiresOut, lastRegistered: now };
    if (stored !== null && expires === 0) {
      if (registered === 1) return "forward";
      store.remove(table, request.aor, contact.uri);
      count--;
    } else if (stored !== null) {
      refresh(t, stored, contact, expires, throttle);
    } else if (expires !== 0) {
      const full = makeRoom(t, count);
      if (full !== null) return full;
      const id = store.contactId(table, request.aor, contact.uri);
      store.put(table, request.aor, bindingOf(contact, now + expires, source(t)), { id, lastModified: now, throttle });
      count = store.contacts(table, request.aor).length;
    }
  }
  const margin = largestMargin(t);
  return margin < 0 || aorThrottle.lastRegistered + margin <= now ? "forward" : "absorb";
}
