/** msilo's per-engine state: its settings and the stored messages being sent (ms_msg_list), by id. */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import { L_ERR } from "../log-level.ts";
import { siloSettings, type SiloSettings } from "./msilo-settings.ts";

const STATE_KEY = "msilo:state";

export interface SiloState {
  readonly settings: SiloSettings;
  /** Ids of dumped messages waiting for their final reply: m_dump() does not send them again. */
  readonly inFlight: Set<string>;
}

export function initSiloState(engine: EngineCore): void {
  engine.moduleData.set(STATE_KEY, { settings: siloSettings(engine), inFlight: new Set() } satisfies SiloState);
}

/** The state with its database URL; null (and an error logged) when the module is not usable. */
export function usableSilo(ctx: Ctx, fn: string): { state: SiloState; url: string } | null {
  const state = ctx.engine.moduleData.get(STATE_KEY) as SiloState | undefined;
  const url = state?.settings.dbUrl ?? null;
  if (state === undefined || url === null) {
    ctx.log(L_ERR, `ERROR:msilo:${fn}: no db_url set: the message store is not available`);
    return null;
  }
  return { state, url };
}

/** Logs `text` as an error of `fn`; -1. */
export function siloFailure(ctx: Ctx, fn: string, text: string): -1 {
  ctx.log(L_ERR, `ERROR:msilo:${fn}: ${text}`);
  return -1;
}
