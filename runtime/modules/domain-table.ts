/**
 * domain's table of local domains (`domain_table`, columns `domain_col`, `attrs_col`,
 * `accept_subdomain_col`) and the lookup behind is_domain_local and friends. With `db_mode` 0
 * (the default) the table is read on every lookup, as OpenSIPS queries it each time; otherwise
 * it is read once, on first use (domain_reload is not supported). Domains compare
 * case-insensitively; an entry whose accept_subdomain is positive also covers every subdomain.
 * Codes: 1 local, -1 not local, -3 the table cannot be read.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { intModParam } from "./modparams.ts";
import { moduleDbUrl, nameParam, selectRows } from "./sql-table.ts";

const MODULE = "domain";
const CACHE_KEY = "domain:table";

interface LocalDomain {
  /** Lower-case. */
  readonly domain: string;
  readonly attrs: string | null;
  readonly subdomains: boolean;
}

export interface DomainLookup {
  readonly code: number;
  /** The matching entry's attributes; null when it has none (or nothing matched). */
  readonly attrs: string | null;
}

function read(ctx: Ctx): LocalDomain[] | string {
  const engine = ctx.engine;
  const url = moduleDbUrl(engine, MODULE);
  if (url === null) return "no db_url";
  const table = nameParam(engine, MODULE, "domain_table", "domain");
  const columns = [nameParam(engine, MODULE, "domain_col", "domain"), nameParam(engine, MODULE, "attrs_col", "attrs"), nameParam(engine, MODULE, "accept_subdomain_col", "accept_subdomain")];
  const result = selectRows(engine, url, table, columns);
  if (!result.ok) return `cannot read table ${table}: ${result.error}`;
  const domains: LocalDomain[] = [];
  for (const [domain, attrs, subdomains] of result.rows) {
    if (typeof domain !== "string") {
      ctx.log(L_ERR, `ERROR:domain:reload_domain_table: ${table} has a row whose ${columns[0]} is not text, skipping`);
      continue;
    }
    domains.push({ domain: domain.toLowerCase(), attrs: attrs === null || attrs === undefined ? null : String(attrs), subdomains: Number(subdomains) > 0 });
  }
  return domains;
}

function domainsOf(ctx: Ctx): LocalDomain[] | string {
  const engine = ctx.engine;
  if (intModParam(engine.script, MODULE, "db_mode", 0) === 0) return read(ctx);
  let cached = engine.moduleData.get(CACHE_KEY) as LocalDomain[] | string | undefined;
  if (cached === undefined) {
    cached = read(ctx);
    engine.moduleData.set(CACHE_KEY, cached);
  }
  return cached;
}

/** Whether `host` is one of the local domains: the exact entry, else the closest parent domain accepting subdomains. */
export function lookupDomain(ctx: Ctx, host: string): DomainLookup {
  const domains = domainsOf(ctx);
  if (typeof domains === "string") {
    ctx.log(L_ERR, `ERROR:domain:is_domain_local: ${domains}`);
    return { code: -3, attrs: null };
  }
  const wanted = host.toLowerCase();
  const exact = domains.find((d) => d.domain === wanted);
  const parent = domains
    .filter((d) => d.subdomains && wanted.endsWith(`.${d.domain}`))
    .reduce<LocalDomain | undefined>((best, d) => (best === undefined || d.domain.length > best.domain.length ? d : best), undefined);
  const entry = exact ?? parent;
  return entry === undefined ? { code: -1, attrs: null } : { code: 1, attrs: entry.attrs };
}
