/**
 * rtpengine's engine-wide state: its settings and node sets (from `rtpengine_sock`, or the
 * rtpengine table when `db_url` is set), loaded by the first rtpengine call of an engine; a
 * configuration error, which stops OpenSIPS at start-up, is logged then and fails every call.
 * Also the per-message choices OpenSIPS keeps in its processing context: the set picked by
 * rtpengine_use_set()/setid_avp and the statistics of the last delete or query ($rtpstat).
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import { L_WARN } from "../log-level.ts";
import type { MessageState } from "../message-state.ts";
import type { BencodeDict } from "./rtpengine-bencode.ts";
import { addDefinition, type RtpeSet } from "./rtpengine-nodes.ts";
import { MODULE, readSettings, type RtpengineSettings } from "./rtpengine-settings.ts";
import { modParam, modParamValues } from "./modparams.ts";
import { nameParam, selectRows } from "./sql-table.ts";
import { loadedModuleState } from "./module-state.ts";

export interface Rtpengine {
  readonly settings: RtpengineSettings;
  readonly sets: readonly RtpeSet[];
  /** The cookie of each command: `<pid>_<random>_<sequence>`. */
  readonly cookiePrefix: string;
  sequence: number;
}

const STATE_KEY = "rtpengine";

function setsFromDatabase(engine: EngineCore, url: string): RtpeSet[] | string {
  const table = nameParam(engine, MODULE, "db_table", "rtpengine");
  const columns = [nameParam(engine, MODULE, "socket_column", "socket"), nameParam(engine, MODULE, "set_column", "set_id")];
  const result = selectRows(engine, url, table, columns);
  if (!result.ok) return `Error querying database: ${result.error}`;
  const sets: RtpeSet[] = [];
  for (const [socket, setId] of result.rows) {
    if (typeof socket !== "string") return `NULL value for ${columns[0]} column`;
    const error = addDefinition(sets, socket, Number(setId ?? 0));
    if (error !== null) return `failed to add RTPEngine socket ${socket}: ${error}`;
  }
  return sets;
}

function setsFromParams(engine: EngineCore): RtpeSet[] | string {
  const sets: RtpeSet[] = [];
  for (const value of modParamValues(engine.script, MODULE, "rtpengine_sock")) {
    const error = addDefinition(sets, String(value));
    if (error !== null) return error;
  }
  return sets;
}

function load(ctx: Ctx): Rtpengine | string {
  const engine = ctx.engine;
  const settings = readSettings(engine);
  if (typeof settings === "string") return settings;
  const url = modParam(engine.script, MODULE, "db_url");
  const sets = url === undefined ? setsFromParams(engine) : setsFromDatabase(engine, String(url));
  if (typeof sets === "string") return sets;
  if (sets.length > 0 && !sets.some((s) => s.id === 0)) {
    ctx.log(L_WARN, "WARNING:rtpengine:mod_init: there is no rtpengine engine in the default set 0!");
  }
  if (modParam(engine.script, MODULE, "notification_sock") !== undefined) {
    ctx.log(L_WARN, "WARNING:rtpengine:mod_init: notification_sock is not supported: rtpengine notifications are not received");
  }
  const random = Math.floor(Math.random() * 10000);
  return { settings, sets, cookiePrefix: `${engine.env.pid + ctx.worker.index}_${random}_`, sequence: 0 };
}

/** The engine's rtpengine state, loaded by the first call; null (logged) when the module cannot work. */
export function rtpengineFor(ctx: Ctx, fn: string): Rtpengine | null {
  return loadedModuleState(ctx, STATE_KEY, "mod_init", fn, load);
}

export function nextCookie(state: Rtpengine): string {
  return `${state.cookiePrefix}${state.sequence++}`;
}

interface MessageContext {
  set?: RtpeSet;
  /** The reply of the last delete or query, for $rtpstat/$rtpquery; null when the query failed. */
  stats?: BencodeDict | null;
}

const contexts = new WeakMap<MessageState, MessageContext>();

/**
 * OpenSIPS keeps these per processing context: the message a route handles. A branch route runs
 * in the context of the request that was relayed, so it sees the request's choices.
 */
function contextOf(ctx: Ctx): MessageContext {
  const own = contexts.get(ctx.state);
  if (own !== undefined) return own;
  const request = ctx.kind === "branch" ? ctx.transaction?.state : undefined;
  const inherited = request === undefined ? undefined : contexts.get(request);
  if (inherited !== undefined) return inherited;
  const created: MessageContext = {};
  contexts.set(ctx.state, created);
  return created;
}

export function chosenSet(ctx: Ctx): RtpeSet | null {
  return contextOf(ctx).set ?? null;
}

export function chooseSet(ctx: Ctx, set: RtpeSet): void {
  contextOf(ctx).set = set;
}

export function cachedStats(ctx: Ctx): BencodeDict | null | undefined {
  return contextOf(ctx).stats;
}

export function cacheStats(ctx: Ctx, stats: BencodeDict | null): void {
  contextOf(ctx).stats = stats;
}
