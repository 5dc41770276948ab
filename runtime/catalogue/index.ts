/**
 * The OpenSIPS catalogue — one source of truth for the checker and the runtime: every script
 * function, pseudo-variable, transformation, module parameter and core parameter of OpenSIPS
 * 2.4, 3.4 and 3.6, generated from the fact tables of the OpenSIPS sources.
 */
export * from "./types.ts";
export { allFunctions, functionByKey, functionsNamed, lookupFunction, type FunctionLookup } from "./functions.ts";
export {
  coreParamVersions,
  isKnownModule,
  lookupCoreParam,
  lookupPv,
  lookupTransform,
  moduleParams,
  moduleVersions,
  pvVersions,
  transformClass,
} from "./tables.ts";
