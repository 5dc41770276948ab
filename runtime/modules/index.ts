/**
 * Every module implementation the runtime has. A new module file exports a `ModuleImpl`
 * (functions.ts) and is added here.
 */
import type { ModuleImpl } from "../functions.ts";
import { core } from "./core.ts";

export const MODULES: readonly ModuleImpl[] = [core];
