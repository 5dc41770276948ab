/**
 * dispatcher's module parameters (3.6 names and defaults): the table's column names, the
 * partitions, `hash_pvar` (algorithm 7), `pvar_algo_pattern` (9), `algo_route` (10),
 * `setid_pvar` (ds_is_in_list), `persistent_state` and `ds_probing_threshold` (also spelled
 * `ds_probing_threshhold`). Read once per engine.
 */
import type { EngineCore } from "../engine-core.ts";
import type { Format } from "../format.ts";
import type { Pv } from "../pv-types.ts";
import { modParam, namesModule } from "./modparams.ts";
import { partitionLayout, type PartitionLayout } from "./dispatcher-partitions.ts";
import { formatFromText, pvFromSpec } from "./dispatcher-pv-text.ts";

export interface Columns {
  readonly setid: string;
  readonly destination: string;
  readonly socket: string;
  readonly weight: string;
  readonly attrs: string;
  readonly priority: string;
  readonly description: string;
  readonly state: string;
}

export interface DispatcherSettings {
  readonly layout: PartitionLayout;
  readonly columns: Columns;
  /** algorithm 7's input; null when `hash_pvar` is unset. */
  readonly hashFormat: Format | null;
  readonly setidPv: Pv | null;
  /** algorithm 9's PV spec, `%u` standing for the destination URI and `%i` for its set; null when unset. */
  readonly pvarAlgoPattern: string | null;
  /** algorithm 10's route name; null when unset. */
  readonly algoRoute: string | null;
  readonly probingThreshold: number;
}

const DEFAULT_PROBING_THRESHOLD = 3;

function text(engine: EngineCore, name: string, fallback: string): string {
  return String(modParam(engine.script, "dispatcher", name) ?? fallback);
}

function optionalText(engine: EngineCore, name: string): string | null {
  const value = text(engine, name, "").trim();
  return value === "" ? null : value;
}

/** The last value of either spelling of the probing threshold. */
function probingThreshold(engine: EngineCore): number {
  let threshold = DEFAULT_PROBING_THRESHOLD;
  for (const p of engine.script.modparams) {
    const name = p.param.toLowerCase();
    if (!namesModule(p.module, "dispatcher") || (name !== "ds_probing_threshold" && name !== "ds_probing_threshhold")) continue;
    const n = Number(p.value);
    if (Number.isInteger(n)) threshold = n;
  }
  return threshold;
}

/** The settings, or why the module cannot start. */
export function readSettings(engine: EngineCore): DispatcherSettings | string {
  const layout = partitionLayout(engine.script, text(engine, "persistent_state", "1").trim() !== "0");
  if (typeof layout === "string") return layout;
  const hashText = optionalText(engine, "hash_pvar");
  const hashFormat = hashText === null ? null : formatFromText(engine.modules, hashText);
  if (typeof hashFormat === "string") return `malformed hash_pvar: ${hashFormat}`;
  const setidText = optionalText(engine, "setid_pvar");
  const setidPv = setidText === null ? null : pvFromSpec(engine.modules, setidText);
  if (typeof setidPv === "string") return `invalid setid_pvar: ${setidPv}`;
  return {
    layout,
    columns: {
      setid: text(engine, "setid_col", "setid"),
      destination: text(engine, "destination_col", "destination"),
      socket: text(engine, "socket_col", "socket"),
      weight: text(engine, "weight_col", "weight"),
      attrs: text(engine, "attrs_col", "attrs"),
      priority: text(engine, "priority_col", "priority"),
      description: text(engine, "description_col", "description"),
      state: text(engine, "state_col", "state"),
    },
    hashFormat,
    setidPv,
    pvarAlgoPattern: optionalText(engine, "pvar_algo_pattern"),
    algoRoute: optionalText(engine, "algo_route"),
    probingThreshold: probingThreshold(engine),
  };
}
