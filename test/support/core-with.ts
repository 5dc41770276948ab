/** The built-in core module with extra core functions, for testing core functions before they are registered. */
import type { FunctionImpl, ModuleImpl } from "../../runtime/functions.ts";
import { MODULES } from "../../runtime/modules/index.ts";

export function coreWith(functions: readonly [string, FunctionImpl][]): ModuleImpl {
  const core = MODULES.find((module) => module.name === "core");
  if (core === undefined) throw new Error("no built-in core module");
  return { ...core, functions: new Map([...core.functions, ...functions]) };
}
