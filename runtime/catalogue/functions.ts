/** Script-function lookups over the generated catalogue; rows are decoded on first use. */
import { decodeSignature } from "./codec.ts";
import { FUNCTION_ROWS } from "./data.generated.ts";
import { CATALOGUE_VERSIONS, type CatalogueVersion, type FunctionDescriptor, type FunctionSignature } from "./types.ts";

let rowsByName: Map<string, string[]> | null = null;
const decoded = new Map<string, FunctionDescriptor>();

function rowsNamed(name: string): readonly string[] {
  if (!rowsByName) {
    rowsByName = new Map();
    for (const row of FUNCTION_ROWS) {
      const rowName = row.slice(row.indexOf("\t") + 1, row.indexOf("\t", row.indexOf("\t") + 1));
      const list = rowsByName.get(rowName);
      if (list) list.push(row);
      else rowsByName.set(rowName, [row]);
    }
  }
  return rowsByName.get(name) ?? [];
}

function decodeRow(row: string): FunctionDescriptor {
  const [module, name, ...sigs] = row.split("\t") as [string, string, ...string[]];
  const key = `${module}.${name}`;
  const cached = decoded.get(key);
  if (cached) return cached;
  const signatures: Partial<Record<CatalogueVersion, FunctionSignature>> = {};
  CATALOGUE_VERSIONS.forEach((version, i) => {
    if (sigs[i] !== "-") signatures[version] = decodeSignature(sigs[i]!);
  });
  const descriptor: FunctionDescriptor = { module, name, key, versions: CATALOGUE_VERSIONS.filter((v) => signatures[v]), signatures };
  decoded.set(key, descriptor);
  return descriptor;
}

/** Every function of this name (one per exporting module), whatever the version. */
export function functionsNamed(name: string): FunctionDescriptor[] {
  return rowsNamed(name).map(decodeRow);
}

/** The descriptor whose `key` is `module.name`. */
export function functionByKey(key: string): FunctionDescriptor | undefined {
  const dot = key.indexOf(".");
  return functionsNamed(key.slice(dot + 1)).find((d) => d.module === key.slice(0, dot));
}

export function allFunctions(): FunctionDescriptor[] {
  return FUNCTION_ROWS.map(decodeRow);
}

export type FunctionLookup =
  /** Callable: core, or exported by a loaded module (the first loaded one wins, as in OpenSIPS). */
  | { kind: "found"; descriptor: FunctionDescriptor; signature: FunctionSignature }
  /** This version has it, but only in modules the script does not load. */
  | { kind: "module-not-loaded"; candidates: FunctionDescriptor[] }
  /** Known only in other versions. */
  | { kind: "other-versions"; candidates: FunctionDescriptor[] }
  | { kind: "unknown" };

/** Resolves a call the way OpenSIPS does: core statements and functions, then loaded modules in load order. */
export function lookupFunction(name: string, version: CatalogueVersion, loadedModules: Iterable<string>): FunctionLookup {
  const candidates = functionsNamed(name);
  if (candidates.length === 0) return { kind: "unknown" };
  const inVersion = candidates.filter((d) => d.signatures[version]);
  if (inVersion.length === 0) return { kind: "other-versions", candidates };
  for (const module of ["core", ...loadedModules]) {
    const descriptor = inVersion.find((d) => d.module === module);
    if (descriptor) return { kind: "found", descriptor, signature: descriptor.signatures[version]! };
  }
  return { kind: "module-not-loaded", candidates: inVersion };
}
