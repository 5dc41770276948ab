/**
 * rtpproxy's engine-wide state: the settings and the nodes of every set with what OpenSIPS keeps
 * per node (disabled until when, the capabilities found by the version queries). OpenSIPS reads
 * the settings in mod_init and queries every node in child_init; here the first rtpproxy call of
 * an engine does both, so a script that never anchors media never talks to rtpproxy. A
 * configuration error (OpenSIPS would not start) is logged then, and every call logs it and
 * returns -1.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { readSettings, type RtpproxySettings } from "./rtpproxy-settings.ts";
import type { NodeSpec } from "./rtpproxy-sockets.ts";
import { loadedModuleState } from "./module-state.ts";

/** The optional capabilities OpenSIPS asks each node about (`VF <version>`). */
export const CAPABILITIES = {
  repacketize: "20071116",
  codecs: "20081102",
  autobridge: "20090810",
  notify: "20081224",
  stats: "20080403",
  notifyWild: "20150617",
  statsExtra: "20150420",
  ttlChange: "20170313",
  record: "20071218",
  subcommand: "20191015",
} as const;

export type Capability = keyof typeof CAPABILITIES;

export interface RtpproxyNode {
  readonly spec: NodeSpec;
  disabled: boolean;
  /** When (seconds since the epoch) a disabled node may be queried again. */
  recheckAt: number;
  capabilities: Set<Capability>;
}

export interface RtpproxySet {
  readonly id: number;
  readonly nodes: readonly RtpproxyNode[];
}

export interface Rtpproxy {
  readonly settings: RtpproxySettings;
  readonly sets: ReadonlyMap<number, RtpproxySet>;
  /** The `<pid>_<random>_` start of every UDP cookie, and the sequence number after it. */
  readonly cookiePrefix: string;
  sequence: number;
  /** False until the nodes were first queried (OpenSIPS's child_init). */
  started: boolean;
}

const STATE_KEY = "rtpproxy";

function create(ctx: Ctx, settings: RtpproxySettings): Rtpproxy {
  const sets = new Map<number, RtpproxySet>();
  for (const set of settings.sets) {
    sets.set(set.id, { id: set.id, nodes: set.nodes.map((spec) => ({ spec, disabled: false, recheckAt: 0, capabilities: new Set() })) });
  }
  if (!sets.has(settings.defaultSet)) {
    ctx.log(L_WARN, `WARNING:rtpproxy:mod_init: there is no rtpproxy engine in the default set ${settings.defaultSet}!`);
  }
  if (settings.notifySocket !== null) {
    ctx.log(L_WARN, "WARNING:rtpproxy:mod_init: timeout and DTMF notifications (rtpp_notify_socket) are not supported; the 'n' and 'd' flags are ignored");
  }
  const random = Math.floor(Math.random() * 10000);
  return { settings, sets, cookiePrefix: `${ctx.engine.env.pid + ctx.worker.index}_${random}_`, sequence: 0, started: false };
}

/** The engine's rtpproxy state, made by the first call; null (logged) when the module cannot work. */
export function rtpproxyFor(ctx: Ctx, fn: string): Rtpproxy | null {
  return loadedModuleState(ctx, STATE_KEY, "mod_init", fn, (ctx) => {
    const settings = readSettings(ctx.engine.script);
    return typeof settings === "string" ? settings : create(ctx, settings);
  });
}

/** The set a call names (`set_id`), or the default set; null (logged) when there is no such set. */
export function setFor(ctx: Ctx, rtpproxy: Rtpproxy, id: number | null, fn: string): RtpproxySet | null {
  const wanted = id ?? rtpproxy.settings.defaultSet;
  const set = rtpproxy.sets.get(wanted);
  if (set === undefined) ctx.log(L_ERR, `ERROR:rtpproxy:${fn}: cannot find any available rtpproxy engine in set ${wanted}`);
  return set ?? null;
}

/** Seconds since the epoch on the engine's clock (OpenSIPS's ticks). */
export function ticks(ctx: Ctx): number {
  return Math.floor(ctx.engine.env.now() / 1000);
}
