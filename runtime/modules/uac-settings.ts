/** uac's module parameters: restore_mode (none, manual, auto; default auto), restore_passwd, and the Record-Route parameter names. */
import type { Script } from "../script.ts";
import { modParam } from "./modparams.ts";

export type RestoreMode = "none" | "manual" | "auto";

export interface UacSettings {
  readonly restoreMode: RestoreMode;
  /** XORed over the Record-Route parameter; "" for none. */
  readonly password: string;
  readonly fromParam: string;
  readonly toParam: string;
}

const MODES: ReadonlySet<string> = new Set(["none", "manual", "auto"]);

export function uacSettings(script: Script): UacSettings {
  const text = (name: string, fallback: string): string => String(modParam(script, "uac", name) ?? fallback);
  const mode = text("restore_mode", "auto").toLowerCase();
  return {
    restoreMode: MODES.has(mode) ? (mode as RestoreMode) : "auto",
    password: text("restore_passwd", ""),
    fromParam: text("rr_from_store_param", "vsf"),
    toParam: text("rr_to_store_param", "vst"),
  };
}
