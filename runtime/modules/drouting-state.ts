/**
 * drouting's engine-wide state: the settings and each partition's routing data. OpenSIPS loads
 * them at start-up; here the first drouting call of an engine does, so a script that never routes
 * never opens the database. A configuration or load error (OpenSIPS would not start) is logged
 * then, and every drouting call logs it again and returns -1. Gateway states changed by
 * dr_disable live here for the engine's life (nothing is written back to the database).
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg } from "../functions.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import type { RoutingData } from "./drouting-data.ts";
import { loadRoutingData } from "./drouting-load.ts";
import { partitionConfigs, type PartitionConfig } from "./drouting-partitions.ts";
import { readSettings, type DroutingSettings } from "./drouting-settings.ts";
import { loadedModuleState } from "./module-state.ts";

export interface Partition {
  readonly config: PartitionConfig;
  readonly data: RoutingData;
}

export interface Drouting {
  readonly settings: DroutingSettings;
  /** In definition order. */
  readonly partitions: readonly Partition[];
}

const STATE_KEY = "drouting";

function load(ctx: Ctx): Drouting | string {
  const settings = readSettings(ctx.engine);
  if (typeof settings === "string") return settings;
  const configs = partitionConfigs(ctx.engine, settings.usePartitions);
  if (typeof configs === "string") return configs;
  const partitions: Partition[] = [];
  for (const config of configs) {
    const loaded = loadRoutingData(ctx.engine, config, settings);
    if (!loaded.ok) return `[${config.name}] failed to load routing info: ${loaded.error}`;
    for (const warning of loaded.warnings) ctx.log(L_WARN, `WARNING:drouting:dr_load_routing_info: ${warning}`);
    partitions.push({ config, data: loaded.data });
  }
  return { settings, partitions };
}

/** The engine's state for a call of `fn`, loaded by the first call; null (logged) when the module cannot work. */
export function droutingFor(ctx: Ctx, fn: string): Drouting | null {
  return loadedModuleState(ctx, STATE_KEY, "dr_init", fn, load);
}

/**
 * The partitions a call works on: the one its partition argument names (none given: the only one
 * when `use_partitions` is 0), or every one for `*` where `wildcard` allows it; null (logged) when
 * the argument is missing, unknown or a refused wildcard.
 */
export function partitionsFor(ctx: Ctx, drouting: Drouting, arg: Arg, fn: string, wildcard: boolean): readonly Partition[] | null {
  const name = textArg(arg) ?? "";
  if (name === "*" && wildcard) return drouting.partitions;
  const partition = name === "" ? (drouting.settings.usePartitions ? undefined : drouting.partitions[0]) : drouting.partitions.find((p) => p.config.name === name);
  if (partition !== undefined) return [partition];
  ctx.log(L_ERR, `ERROR:drouting:${fn}: ${name === "" || name === "*" ? "partition name is mandatory" : `partition <${name}> used, but not defined`}`);
  return null;
}

/** After a wildcard search matched in `partition`: `partition_id_pvar` gets its name. */
export function notePartition(ctx: Ctx, drouting: Drouting, searched: readonly Partition[], partition: Partition): void {
  if (searched === drouting.partitions) drouting.settings.partitionPv?.assign(ctx, "=", partition.config.name);
}
