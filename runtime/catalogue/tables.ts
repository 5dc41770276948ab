/**
 * Lookups over the pseudo-variable, transformation, module-parameter and core-parameter tables,
 * and the modules each version has.
 */
import { versionsOfMask } from "./codec.ts";
import { CORE_PARAM_ROWS, MODPARAM_ROWS, MODULE_ROWS, PV_ROWS, TRANSFORM_ROWS } from "./data.generated.ts";
import { versionedIndex } from "./versioned-rows.ts";
import {
  type CatalogueVersion,
  type CoreParamDescriptor,
  type ModParamDescriptor,
  type ModParamType,
  type PvDescriptor,
  type TransformDescriptor,
} from "./types.ts";

const pvs = versionedIndex<PvDescriptor>(PV_ROWS, 2, ([module, name, flags]) => ({
    module: module!,
    name: name!,
    takesArgument: flags!.includes("A"),
    writable: flags!.includes("W"),
    indexable: flags!.includes("I"),
    intTyped: flags!.includes("N"),
    stringTyped: flags!.includes("S"),
}));

const transforms = versionedIndex<TransformDescriptor>(TRANSFORM_ROWS, 2, ([module, className, method, min, max]) => ({
  module: module!,
  className: className!,
  method: method!,
  minParams: Number(min),
  maxParams: Number(max),
}));

const modParams = versionedIndex<ModParamDescriptor>(MODPARAM_ROWS, 1, ([module, name, type]) => ({
  module: module!,
  name: name!,
  type: type!.replace("+", "") as ModParamType,
  repeatable: type!.endsWith("+"),
}));

const coreParams = versionedIndex<CoreParamDescriptor>(CORE_PARAM_ROWS, 1, ([name, valueType]) => ({ name: name!, valueType: valueType! }));

/** The table entries for `$name` in `version` (two for names like `$branch` / `$branch(...)`). */
export function lookupPv(name: string, version: CatalogueVersion): PvDescriptor[] {
  return pvs.get(name, version);
}

/** Versions in which `$name` exists at all. */
export function pvVersions(name: string): CatalogueVersion[] {
  return versionsOfMask(pvs.maskOf(name));
}

/** The methods of a transformation class (lower-case) in `version`. */
export function transformClass(className: string, version: CatalogueVersion): TransformDescriptor[] {
  return transforms.get(className, version);
}

export function lookupTransform(className: string, method: string, version: CatalogueVersion): TransformDescriptor | undefined {
  return transforms.get(className, version).find((t) => t.method === method);
}

export function moduleParams(module: string, version: CatalogueVersion): ModParamDescriptor[] {
  return modParams.get(module, version);
}

export function lookupCoreParam(name: string, version: CatalogueVersion): CoreParamDescriptor | undefined {
  return coreParams.get(name, version)[0];
}

/** Versions in which a core (global) parameter of this name exists. */
export function coreParamVersions(name: string): CatalogueVersion[] {
  return versionsOfMask(coreParams.maskOf(name));
}

const modules = versionedIndex<string>(MODULE_ROWS, 1, ([module]) => module!);

/** Whether `version` has `module` (it exports a function, variable, transformation or parameter). */
export function isKnownModule(module: string, version: CatalogueVersion): boolean {
  return modules.get(module, version).length > 0;
}

/** Versions that have `module`. */
export function moduleVersions(module: string): CatalogueVersion[] {
  return versionsOfMask(modules.maskOf(module));
}
