/**
 * dispatcher's engine-wide state: the settings and every partition's destination sets. OpenSIPS
 * loads them at start-up (mod_init); here the first dispatcher call of an engine does, so a
 * script that never dispatches never opens the database. A configuration or load error, which
 * makes OpenSIPS refuse to start, is logged then, and every dispatcher call logs it and returns
 * -1. Destination states, round-robin positions and script attributes live here for the engine's
 * life (nothing is written back to the database).
 */
import type { Ctx } from "../ctx.ts";
import type { Arg } from "../functions.ts";
import { textArg } from "../args.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { loadPartition } from "./dispatcher-load.ts";
import type { PartitionConfig } from "./dispatcher-partitions.ts";
import { readSettings, type DispatcherSettings } from "./dispatcher-settings.ts";
import type { DestinationSet } from "./dispatcher-sets.ts";
import { loadedModuleState } from "./module-state.ts";

export interface Partition {
  readonly config: PartitionConfig;
  /** Newest set first, as OpenSIPS lists them. */
  readonly sets: readonly DestinationSet[];
}

export interface Dispatcher {
  readonly settings: DispatcherSettings;
  readonly partitions: ReadonlyMap<string, Partition>;
}

const STATE_KEY = "dispatcher";

/** Reads the settings and loads the partitions; logs the load warnings and a failure. */
function load(ctx: Ctx): Dispatcher | string {
  const engine = ctx.engine;
  const settings = readSettings(engine);
  if (typeof settings === "string") return settings;
  const partitions = new Map<string, Partition>();
  for (const config of settings.layout.partitions) {
    const loaded = loadPartition(engine, config, settings.columns);
    if (!loaded.ok) return `[${config.name}] failed to load data from DB: ${loaded.error}`;
    for (const warning of loaded.warnings) ctx.log(L_WARN, `WARNING:dispatcher:ds_load_data: ${warning}`);
    if (loaded.sets.length === 0) ctx.log(L_WARN, `WARNING:dispatcher:ds_load_data: [${config.name}] no dispatching data in the db -- empty destination set`);
    partitions.set(config.name, { config, sets: loaded.sets });
  }
  return { settings, partitions };
}

/** The engine's state for a call of `fn`, loaded by the first call; null (logged) when the module cannot work. */
export function dispatcherFor(ctx: Ctx, fn: string): Dispatcher | null {
  return loadedModuleState(ctx, STATE_KEY, "mod_init", fn, load);
}

/** The partition a function's optional partition argument names (empty: the default one); null (logged) when unknown. */
export function partitionFor(ctx: Ctx, dispatcher: Dispatcher, arg: Arg, fn: string): Partition | null {
  const name = textArg(arg) ?? dispatcher.settings.layout.defaultName;
  const partition = name === null ? undefined : dispatcher.partitions.get(name);
  if (partition === undefined) ctx.log(L_ERR, `ERROR:dispatcher:${fn}: unknown partition${name === null ? "" : ` ${name}`}`);
  return partition ?? null;
}

/** The set `id` of a partition; null (logged) when it has none. */
export function setFor(ctx: Ctx, partition: Partition, id: number, fn: string): DestinationSet | null {
  const set = id < 0 ? undefined : partition.sets.find((s) => s.id === id);
  if (set === undefined) ctx.log(L_ERR, `ERROR:dispatcher:${fn}: destination set [${id}] not found in partition [${partition.config.name}]`);
  return set ?? null;
}
