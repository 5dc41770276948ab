/**
 * load_balancer's engine-wide state: its settings and the loaded table. OpenSIPS loads the table
 * at start-up (mod_init); here the first load_balancer call of an engine does. The module needs
 * the dialog module (it counts calls as dialogs) and a database (`db_url`, else
 * `db_default_url`); without them, or when the table does not load, OpenSIPS refuses to start:
 * here the reason is logged once and every function that needs the table returns -1.
 * Destination states (lb_disable_dst) live here for the engine's life. Module parameters used:
 * `db_url`, `db_table` (default "load_balancer") and `probing_verbose`; the probing, clustering,
 * blacklist and FreeSWITCH parameters are accepted and have no effect offline.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import type { LbData } from "./load-balancer-data.ts";
import { loadTable } from "./load-balancer-load.ts";
import { intModParam } from "./modparams.ts";
import { moduleDbUrl, nameParam } from "./sql-table.ts";
import { loadedModuleState } from "./module-state.ts";

export const MODULE = "load_balancer";

export interface LoadBalancer {
  readonly data: LbData;
  /** `probing_verbose`: destination state changes are logged at INFO. */
  readonly verbose: boolean;
}

function load(ctx: Ctx): LoadBalancer | string {
  const engine = ctx.engine;
  if (!engine.script.modules.includes("dialog")) return "the dialog module is not loaded (load_balancer counts calls as dialogs)";
  const url = moduleDbUrl(engine, MODULE);
  if (url === null) return "no db_url given and no db_default_url";
  const loaded = loadTable(engine, url, nameParam(engine, MODULE, "db_table", "load_balancer"));
  if (!loaded.ok) return `failed to load load-balancing data: ${loaded.error}`;
  for (const error of loaded.errors) ctx.log(L_ERR, `ERROR:load_balancer:add_lb_dsturi: ${error}`);
  for (const warning of loaded.warnings) ctx.log(L_WARN, `WARNING:load_balancer:lb_db_load_data: ${warning}`);
  return { data: loaded.data, verbose: intModParam(engine.script, MODULE, "probing_verbose", 0) !== 0 };
}

/** The engine's state for a call of `fn`, loaded by the first call; null (logged) when the module cannot work. */
export function loadBalancerFor(ctx: Ctx, fn: string): LoadBalancer | null {
  return loadedModuleState(ctx, MODULE, "mod_init", fn, load);
}
