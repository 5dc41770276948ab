/**
 * Loading a partition's table (`ds_load_data` / `add_dest2list`): one blocking SELECT of the
 * set id, destination, socket, weight, attributes, priority, description and — with
 * `persistent_state` — state columns. A row with a NULL set id or an unusable URI is skipped with
 * a warning; a NULL or empty destination fails the whole load, as in OpenSIPS. Weights may be
 * integers or integer text (default 1), priorities default to 0, states are 0 active, 1 inactive,
 * 2 probing. Sets are kept newest first (OpenSIPS prepends them); each set's destinations by
 * priority, highest first, in load order among equals.
 */
import type { EngineCore } from "../engine-core.ts";
import type { SqlCell } from "../backends/sql-types.ts";
import { formatParams } from "../sip/params.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import { parseIp } from "../transformations/ip-address.ts";
import { selectRows } from "./sql-table.ts";
import { defaultPort } from "./dispatcher-hash.ts";
import type { PartitionConfig } from "./dispatcher-partitions.ts";
import type { Columns } from "./dispatcher-settings.ts";
import { DS_INACTIVE, DS_PROBING, recalculateActive, type Destination, type DestinationSet } from "./dispatcher-sets.ts";

export type LoadResult =
  | { readonly ok: true; readonly sets: DestinationSet[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

const MAX_HOST_LENGTH = 254;
/** Weights and priorities are C `unsigned short`s: -1 is 65535. */
const UNSIGNED_SHORT = 0xffff;

function cellText(cell: SqlCell | undefined): string | null {
  return cell === null || cell === undefined ? null : String(cell);
}

function cellInt(cell: SqlCell | undefined): number | null {
  if (typeof cell === "number") return Math.trunc(cell);
  const text = cellText(cell)?.trim() ?? "";
  return /^[+-]?[0-9]+$/.test(text) ? Number(text) : null;
}

/** The URI `$du` gets: the provisioned one unless it carries a user, password or headers. */
function destinationUri(text: string, uri: SipUri): string {
  if (uri.user === null && uri.password === null && uri.headers.length === 0) return text;
  return `${uri.scheme}:${uri.host}${uri.port === null ? "" : `:${uri.port}`}${formatParams(uri.params)}`;
}

function stateFlags(state: number | null): number {
  if (state === 1) return DS_INACTIVE;
  if (state === 2) return DS_PROBING;
  return 0;
}

interface Row {
  readonly setId: number;
  readonly dest: Destination;
}

/** One row as a destination, or a warning text. */
function destinationOf(row: readonly SqlCell[], useState: boolean): Row | string {
  const [setCell, uriCell, socketCell, weightCell, attrsCell, priorityCell, , stateCell] = row;
  const setId = cellInt(setCell);
  if (setId === null) return "ds ID column cannot be NULL -> skipping";
  const text = cellText(uriCell)!;
  const uri = parseUri(text);
  if (uri === null || uri.host === "" || uri.host.length > MAX_HOST_LENGTH) return `bad uri [${text}], failed to add destination <${text}> in group ${setId}`;
  const state = useState ? cellInt(stateCell) : null;
  const dest: Destination = {
    uri: text,
    dstUri: destinationUri(text, uri),
    attrs: cellText(attrsCell),
    scriptAttrs: null,
    socket: cellText(socketCell) || null,
    weight: (cellInt(weightCell) ?? 1) & UNSIGNED_SHORT,
    priority: (cellInt(priorityCell) ?? 0) & UNSIGNED_SHORT,
    ip: parseIp(uri.host),
    port: uri.port ?? defaultPort(uri),
    flags: stateFlags(state),
    failureCount: 0,
    rrCount: 0,
    runningWeight: 0,
    activeRunningWeight: 0,
  };
  return { setId, dest };
}

/** Reads `partition`'s table into destination sets. */
export function loadPartition(engine: EngineCore, partition: PartitionConfig, columns: Columns): LoadResult {
  // OpenSIPS selects the description too (for MI listings): a table without it does not load.
  const names = [columns.setid, columns.destination, columns.socket, columns.weight, columns.attrs, columns.priority, columns.description];
  if (partition.persistentState) names.push(columns.state);
  const result = selectRows(engine, partition.dbUrl, partition.table, names);
  if (!result.ok) return { ok: false, error: `error while querying database: ${result.error}` };
  const sets = new Map<number, DestinationSet>();
  const warnings: string[] = [];
  for (const row of result.rows) {
    if (cellText(row[1]) === null || cellText(row[1]) === "") return { ok: false, error: "URI column cannot be NULL or empty" };
    const found = destinationOf(row, partition.persistentState);
    if (typeof found === "string") {
      warnings.push(found);
      continue;
    }
    let set = sets.get(found.setId);
    if (set === undefined) {
      set = { id: found.setId, dests: [], activeCount: 0, last: 0 };
      sets.set(found.setId, set);
    }
    set.dests.push(found.dest);
  }
  for (const set of sets.values()) {
    set.dests.sort((a, b) => b.priority - a.priority);
    recalculateActive(set);
  }
  return { ok: true, sets: [...sets.values()].reverse(), warnings };
}
