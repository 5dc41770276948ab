/**
 * usrloc in memory: per location table (the `save("location")` argument), per address of record
 * (the user part, `user@domain` with usrloc's `use_domain`), the registered contacts with their
 * expiry, q, Call-ID/CSeq, the address the REGISTER came from, its branch flags and the methods
 * the contact accepts. Entries expire on the engine's clock.
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import { parseUri } from "../sip/uri.ts";
import { intModParam } from "./modparams.ts";

export interface Binding {
  readonly uri: string;
  /** Absolute expiry, seconds on the engine clock. */
  readonly expires: number;
  /** 0…1000 (q=1.0 is 1000). */
  readonly q: number;
  readonly callId: string;
  readonly cseq: number;
  /** Where the REGISTER came from, as a URI (`sip:ip:port`), for NATed contacts. */
  readonly received: string;
  readonly userAgent: string | null;
  /** The REGISTER's branch flags: lookup gives them to the contact's branch. */
  readonly flags: number;
  /** The methods the contact accepts (upper-case, its `methods` param or the Allow header); null: any. */
  readonly methods: readonly string[] | null;
}

/** The AOR of a URI text: its user, or user@host with usrloc's use_domain. */
export function aorOf(ctx: Ctx, uriText: string | null | undefined): string | null {
  const uri = uriText === null || uriText === undefined ? null : parseUri(uriText);
  if (uri === null || uri.user === null) return null;
  return intModParam(ctx.engine.script, "usrloc", "use_domain", 0) !== 0 ? `${uri.user}@${uri.host.toLowerCase()}` : uri.user;
}

type Table = Map<string, Binding[]>;

export class LocationTables {
  private readonly tables = new Map<string, Table>();

  constructor(private readonly now: () => number) {}

  /** Seconds on the engine clock. */
  get clock(): number {
    return Math.floor(this.now() / 1000);
  }

  /** The live bindings of `aor`, best first (highest q, then most recently registered). */
  bindings(table: string, aor: string): Binding[] {
    const all = this.tables.get(table)?.get(aor) ?? [];
    const live = all.filter((b) => b.expires > this.clock);
    if (live.length !== all.length) this.store(table, aor, live);
    return [...live].sort((a, b) => b.q - a.q || b.expires - a.expires);
  }

  /** Replaces every binding of `aor`. */
  store(table: string, aor: string, bindings: Binding[]): void {
    let entries = this.tables.get(table);
    if (entries === undefined) {
      entries = new Map();
      this.tables.set(table, entries);
    }
    if (bindings.length === 0) entries.delete(aor);
    else entries.set(aor, bindings);
  }
}

const DATA_KEY = "usrloc";

export function locationTables(engine: EngineCore): LocationTables {
  let tables = engine.moduleData.get(DATA_KEY);
  if (!(tables instanceof LocationTables)) {
    const env = engine.env;
    tables = new LocationTables(() => env.now());
    engine.moduleData.set(DATA_KEY, tables);
  }
  return tables as LocationTables;
}
