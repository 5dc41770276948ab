/**
 * The state of a module that loads its data (tables, node lists) on first use: built by the
 * first call that needs it, so a script that never calls the module opens no database, and kept
 * in the engine's module data under the module's name. A failure to load is logged once, as
 * OpenSIPS's mod_init would log it, and then by every call, which gets null.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";

/** The state of `module` for a call of `fn`; `init` names the load in the log line (mod_init, dr_init). */
export function loadedModuleState<T extends object>(ctx: Ctx, module: string, init: string, fn: string, load: (ctx: Ctx) => T | string): T | null {
  let state = ctx.engine.moduleData.get(module) as T | string | undefined;
  if (state === undefined) {
    state = load(ctx);
    ctx.engine.moduleData.set(module, state);
    if (typeof state === "string") ctx.log(L_ERR, `ERROR:${module}:${init}: ${state}`);
  }
  if (typeof state === "object") return state;
  ctx.log(L_ERR, `ERROR:${module}:${fn}: the ${module} module is not initialised: ${state}`);
  return null;
}
