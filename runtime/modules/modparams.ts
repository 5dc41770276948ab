/**
 * Module parameters as the script sets them with `modparam("module", "name", value)`. The first
 * argument is an anchored, case-insensitive POSIX ERE over module names (spec §3.5), so
 * `modparam("usrloc|auth_db", "use_domain", 1)` sets the parameter of both modules.
 */
import { regexOfText } from "../regex.ts";
import type { Script } from "../script.ts";

/** The last value given to `module`'s parameter `name` (names are case-insensitive), or undefined. */
export function modParam(script: Script, module: string, name: string): string | number | undefined {
  let value: string | number | undefined;
  const wanted = name.toLowerCase();
  for (const p of script.modparams) if (p.param.toLowerCase() === wanted && namesModule(p.module, module)) value = p.value;
  return value;
}

/** Every value given to a repeatable parameter, in order. */
export function modParamValues(script: Script, module: string, name: string): (string | number)[] {
  const wanted = name.toLowerCase();
  return script.modparams.filter((p) => p.param.toLowerCase() === wanted && namesModule(p.module, module)).map((p) => p.value);
}

/** Does a modparam's first argument name `module`? */
export function namesModule(pattern: string, module: string): boolean {
  if (pattern === module) return true;
  const compiled = regexOfText(`^(${pattern})$`);
  return compiled.re !== null && compiled.re.test(module);
}

/** An integer parameter, or `fallback` when unset or not an integer. */
export function intModParam(script: Script, module: string, name: string, fallback: number): number {
  const value = modParam(script, module, name);
  const n = typeof value === "number" ? value : Number(value);
  return value !== undefined && Number.isInteger(n) ? n : fallback;
}
