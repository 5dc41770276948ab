/**
 * Loading the load_balancer table (lb_db.c, `add_lb_dsturi`): one blocking SELECT of `id`,
 * `group_id`, `dst_uri`, `resources`, `probe_mode` and `attrs`. A NULL in any column but `attrs`,
 * or a non-integer id, group or probe mode, fails the whole load (OpenSIPS then refuses to
 * start); a row whose URI or resource list is bad is skipped with an error. Destinations keep the
 * table's row order. Probing modes only matter for OPTIONS probing, which is not done offline.
 * Hostnames are not resolved: such a destination is balanced to, but never matches an address.
 */
import type { SqlCell } from "../backends/sql-types.ts";
import type { EngineCore } from "../engine-core.ts";
import { parseUri } from "../sip/uri.ts";
import { parseIp } from "../transformations/ip-address.ts";
import { defaultPort } from "./dispatcher-hash.ts";
import { profileIdOf, resourceNamed, type LbData, type LbDestination, type LbResource } from "./load-balancer-data.ts";
import { parseResourceList } from "./load-balancer-resources.ts";
import { selectRows } from "./sql-table.ts";

export type LoadResult =
  | { readonly ok: true; readonly data: LbData; readonly errors: readonly string[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

const COLUMNS = ["id", "group_id", "dst_uri", "resources", "probe_mode", "attrs"];

type Cell<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const NUL: Cell<never> = { ok: false, error: "nul column" };

function intCell(cell: SqlCell | undefined): Cell<number> {
  if (cell === null || cell === undefined) return NUL;
  if (typeof cell === "number") return { ok: true, value: Math.trunc(cell) };
  const text = cell.trim();
  return /^[+-]?[0-9]+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, error: "bad column type" };
}

function textCell(cell: SqlCell | undefined): Cell<string> {
  return cell === null || cell === undefined ? NUL : { ok: true, value: String(cell) };
}

interface Row {
  readonly id: number;
  readonly group: number;
  readonly uri: string;
  readonly resources: string;
  readonly attrs: string;
}

/** A row's cells, checked in column order; an error text fails the load. */
function rowOf(cells: readonly SqlCell[]): Row | string {
  const [idCell, groupCell, uriCell, resourcesCell, probeCell, attrsCell] = cells;
  const id = intCell(idCell);
  if (!id.ok) return id.error;
  const group = intCell(groupCell);
  if (!group.ok) return group.error;
  const uri = textCell(uriCell);
  if (!uri.ok) return uri.error;
  const resources = textCell(resourcesCell);
  if (!resources.ok) return resources.error;
  const probeMode = intCell(probeCell);
  if (!probeMode.ok) return probeMode.error;
  const attrs = attrsCell === null || attrsCell === undefined ? "" : String(attrsCell);
  return { id: id.value, group: group.value, uri: uri.value, resources: resources.value, attrs };
}

/** A row as a destination (adding its resources to `resources`), or why it is skipped. */
function destinationOf(row: Row, resources: LbResource[]): LbDestination | string {
  const uri = parseUri(row.uri);
  if (uri === null || uri.host === "") return `bad uri [${row.uri}] for destination`;
  const specs = parseResourceList(row.resources, true);
  if (typeof specs === "string") return `failed to parse resourse string <${row.resources}>: ${specs}`;
  for (const spec of specs) resourceNamed(resources, spec.name);
  return {
    id: row.id,
    group: row.group,
    uri: row.uri,
    attrs: row.attrs,
    profileId: profileIdOf(row.id),
    capacity: new Map(specs.map((s) => [s.name, s.capacity])),
    ip: parseIp(uri.host.replace(/^\[(.*)\]$/, "$1")),
    port: uri.port ?? defaultPort(uri),
    disabled: false,
  };
}

/** Reads `table` on `url` into destinations and resources. */
export function loadTable(engine: EngineCore, url: string, table: string): LoadResult {
  const result = selectRows(engine, url, table, COLUMNS);
  if (!result.ok) return { ok: false, error: `DB query failed: ${result.error}` };
  const destinations: LbDestination[] = [];
  const resources: LbResource[] = [];
  const errors: string[] = [];
  for (const cells of result.rows) {
    const row = rowOf(cells);
    if (typeof row === "string") return { ok: false, error: row };
    const destination = destinationOf(row, resources);
    if (typeof destination === "string") errors.push(`${destination}; failed to add destination ${destinations.length} -> skipping`);
    else destinations.push(destination);
  }
  const warnings = result.rows.length === 0 ? [`table "${table}" empty`] : [];
  return { ok: true, data: { destinations, resources }, errors, warnings };
}
