/**
 * What mid_registrar keeps beside usrloc's bindings (registrar-location.ts, shared with registrar:
 * its lookup() finds the contacts mid_registrar saved), as OpenSIPS keeps it in usrloc's
 * per-contact and per-AoR key/value stores: each contact's id (the `ctid` of the Contact sent
 * upstream, by which requests from the main registrar find the contact), when the contact last
 * changed, and the throttling data — what the UA asked for, what went upstream and when.
 *
 * The data lives as long as its binding: once a binding has expired or was removed, its data goes
 * the next time its AoR is looked at (usrloc's expired contacts take their keys with them).
 */
import type { EngineCore } from "../engine-core.ts";
import { locationTables, type Binding, type LocationTables } from "./registrar-location.ts";
import type { RequestContact } from "./mid-registrar-request.ts";
import { readSettings, type MidRegistrarSettings } from "./mid-registrar-settings.ts";

/** A contact's throttling data (ul keys `exp`, `expO`, `LRTs`). */
export interface ContactThrottle {
  /** The expiry the UA asked for (seconds, limits applied). */
  readonly expires: number;
  /** The expiry the main registrar granted (seconds). */
  readonly expiresOut: number;
  /** When it last went upstream (seconds on the engine clock). */
  readonly lastRegistered: number;
}

/** An AoR's throttling data in AoR throttling mode (ul keys `expO`, `LRTs`); lastRegistered 0 forces the next REGISTER upstream. */
export interface AorThrottle {
  readonly expiresOut: number;
  readonly lastRegistered: number;
}

export interface ContactData {
  /** usrloc's contact id. */
  readonly id: number;
  /** When the binding last changed (usrloc's last_modified, seconds). */
  readonly lastModified: number;
  readonly throttle: ContactThrottle | null;
}

export interface StoredContact {
  readonly binding: Binding;
  /** Null for a binding mid_registrar did not save (registrar's save). */
  readonly data: ContactData | null;
}

interface AorData {
  readonly contacts: Map<string, ContactData>;
  throttle: AorThrottle | null;
}

function aorKey(table: string, aor: string): string {
  return `${table}\n${aor}`;
}

export class MidRegistrarStore {
  private nextContactId = 1;
  private readonly aors = new Map<string, AorData>();
  private readonly contactIds = new Map<number, { readonly table: string; readonly aor: string }>();

  constructor(readonly locations: LocationTables) {}

  get clock(): number {
    return this.locations.clock;
  }

  /** The live bindings of `aor`, best first, each with its data. */
  contacts(table: string, aor: string): StoredContact[] {
    const bindings = this.locations.bindings(table, aor);
    const data = this.prune(table, aor, bindings);
    return bindings.map((binding) => ({ binding, data: data?.contacts.get(binding.uri) ?? null }));
  }

  contact(table: string, aor: string, uri: string): StoredContact | null {
    return this.contacts(table, aor).find((c) => c.binding.uri === uri) ?? null;
  }

  /** The id of the binding of `uri` (usrloc's get_ucontact), or a new one (next_contact_id). */
  contactId(table: string, aor: string, uri: string): number {
    return this.contact(table, aor, uri)?.data?.id ?? this.nextContactId++;
  }

  /** The live contact with id `id` in `table` (get_ucontact_from_id). */
  byId(table: string, id: number): (StoredContact & { readonly aor: string }) | null {
    const owner = this.contactIds.get(id);
    if (owner === undefined || owner.table !== table) return null;
    const found = this.contacts(table, owner.aor).find((c) => c.data?.id === id);
    return found === undefined ? null : { ...found, aor: owner.aor };
  }

  /** Adds or replaces the binding of `binding.uri`. */
  put(table: string, aor: string, binding: Binding, data: ContactData): void {
    const others = this.locations.bindings(table, aor).filter((b) => b.uri !== binding.uri);
    this.locations.store(table, aor, [...others, binding]);
    this.dataOf(table, aor).contacts.set(binding.uri, data);
    this.contactIds.set(data.id, { table, aor });
  }

  remove(table: string, aor: string, uri: string): void {
    this.locations.store(
      table,
      aor,
      this.locations.bindings(table, aor).filter((b) => b.uri !== uri),
    );
    this.prune(table, aor, this.locations.bindings(table, aor));
  }

  /** Removes `count` contacts of `aor` in usrloc's list order — highest q, then the oldest — to make room (trim_contacts). */
  trim(table: string, aor: string, count: number): void {
    const order = this.contacts(table, aor).sort((a, b) => b.binding.q - a.binding.q || (a.data?.id ?? 0) - (b.data?.id ?? 0));
    for (const contact of order.slice(0, count)) this.remove(table, aor, contact.binding.uri);
  }

  /** Drops every binding of `aor` (usrloc's delete_urecord). */
  removeAll(table: string, aor: string): void {
    this.locations.store(table, aor, []);
    this.prune(table, aor, []);
  }

  aorThrottle(table: string, aor: string): AorThrottle | null {
    return this.aors.get(aorKey(table, aor))?.throttle ?? null;
  }

  setAorThrottle(table: string, aor: string, throttle: AorThrottle): void {
    this.dataOf(table, aor).throttle = throttle;
  }

  private dataOf(table: string, aor: string): AorData {
    const key = aorKey(table, aor);
    let data = this.aors.get(key);
    if (data === undefined) {
      data = { contacts: new Map(), throttle: null };
      this.aors.set(key, data);
    }
    return data;
  }

  /** Forgets the data of bindings that are gone, and the AoR's once it has none left. */
  private prune(table: string, aor: string, live: readonly Binding[]): AorData | null {
    const key = aorKey(table, aor);
    const data = this.aors.get(key);
    if (data === undefined) return null;
    for (const [uri, contact] of data.contacts) {
      if (live.some((b) => b.uri === uri)) continue;
      data.contacts.delete(uri);
      this.contactIds.delete(contact.id);
    }
    if (live.length > 0) return data;
    this.aors.delete(key);
    return null;
  }
}

/** Where a binding's Call-ID, CSeq, User-Agent and branch flags come from (pack_ci). */
export interface BindingSource {
  readonly callId: string;
  readonly cseq: number;
  readonly userAgent: string | null;
  readonly flags: number;
}

/** The binding of a REGISTER's contact, expiring at `expiresAt`. */
export function bindingOf(contact: RequestContact, expiresAt: number, source: BindingSource): Binding {
  const { callId, cseq, userAgent, flags } = source;
  return { uri: contact.uri, expires: expiresAt, q: contact.q, callId, cseq, received: contact.received, userAgent, flags, methods: contact.methods };
}

interface MidRegistrarState {
  readonly settings: MidRegistrarSettings;
  readonly store: MidRegistrarStore;
}

const DATA_KEY = "mid_registrar";

/** The module's settings and store for `engine`, made on first use. */
export function midRegistrarState(engine: EngineCore): MidRegistrarState {
  let state = engine.moduleData.get(DATA_KEY) as MidRegistrarState | undefined;
  if (state === undefined) {
    state = { settings: readSettings(engine), store: new MidRegistrarStore(locationTables(engine)) };
    engine.moduleData.set(DATA_KEY, state);
  }
  return state;
}
