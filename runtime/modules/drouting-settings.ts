/**
 * drouting's module parameters (3.6 names and defaults) that are not per partition: the
 * dr_groups columns and `use_domain`, `default_group`, `persistent_state` (read the state
 * columns), `use_partitions` with `db_partitions_url`/`db_partitions_table`, `partition_id_pvar`,
 * `extra_prefix_chars` and `extra_id_chars`. Probing, clustering, blacklists, `force_dns` and
 * restart persistency have no effect offline.
 */
import type { EngineCore } from "../engine-core.ts";
import type { Pv } from "../pv-types.ts";
import { pvFromSpec } from "./dispatcher-pv-text.ts";
import { intModParam, modParam } from "./modparams.ts";

export const MODULE = "drouting";

export interface GroupColumns {
  readonly user: string;
  readonly domain: string;
  readonly group: string;
}

export interface DroutingSettings {
  readonly usePartitions: boolean;
  readonly persistentState: boolean;
  readonly useDomain: boolean;
  /** The group of callers not in dr_groups; -1 for none. */
  readonly defaultGroup: number;
  readonly groupColumns: GroupColumns;
  readonly extraPrefixChars: string;
  readonly idChars: string;
  /** Where a wildcard partition search writes the partition that matched; null when unset. */
  readonly partitionPv: Pv | null;
}

/** A text parameter, or `fallback` when unset. */
export function textParam(engine: EngineCore, name: string, fallback: string): string {
  return String(modParam(engine.script, MODULE, name) ?? fallback);
}

/** The settings, or why the module cannot start. */
export function readSettings(engine: EngineCore): DroutingSettings | string {
  const usePartitions = intModParam(engine.script, MODULE, "use_partitions", 0) !== 0;
  const pvText = textParam(engine, "partition_id_pvar", "").trim();
  const partitionPv = pvText === "" || !usePartitions ? null : pvFromSpec(engine.modules, pvText);
  if (typeof partitionPv === "string") return `malformed PV string: <<${pvText}>> (${partitionPv})`;
  return {
    usePartitions,
    persistentState: intModParam(engine.script, MODULE, "persistent_state", 1) !== 0,
    useDomain: intModParam(engine.script, MODULE, "use_domain", 1) !== 0,
    defaultGroup: intModParam(engine.script, MODULE, "default_group", -1),
    groupColumns: {
      user: textParam(engine, "drg_user_col", "username"),
      domain: textParam(engine, "drg_domain_col", "domain"),
      group: textParam(engine, "drg_grpid_col", "groupid"),
    },
    extraPrefixChars: textParam(engine, "extra_prefix_chars", ""),
    idChars: textParam(engine, "extra_id_chars", "_-."),
    partitionPv,
  };
}
