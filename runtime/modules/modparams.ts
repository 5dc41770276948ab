/** Module parameters as the script sets them with `modparam("module", "name", value)`. */
import type { Script } from "../script.ts";

/** The last value given to `module`'s parameter `name` (names are case-insensitive), or undefined. */
export function modParam(script: Script, module: string, name: string): string | number | undefined {
  let value: string | number | undefined;
  const wanted = name.toLowerCase();
  for (const p of script.modparams) if (p.module === module && p.param.toLowerCase() === wanted) value = p.value;
  return value;
}

/** Every value given to a repeatable parameter, in order. */
export function modParamValues(script: Script, module: string, name: string): (string | number)[] {
  const wanted = name.toLowerCase();
  return script.modparams.filter((p) => p.module === module && p.param.toLowerCase() === wanted).map((p) => p.value);
}

/** An integer parameter, or `fallback` when unset or not an integer. */
export function intModParam(script: Script, module: string, name: string, fallback: number): number {
  const value = modParam(script, module, name);
  const n = typeof value === "number" ? value : Number(value);
  return value !== undefined && Number.isInteger(n) ? n : fallback;
}
