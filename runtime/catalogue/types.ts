/**
 * The shapes of the OpenSIPS catalogue: script functions, pseudo-variables, transformations,
 * module parameters and core (global) parameters, per OpenSIPS version. The data itself is
 * generated from the fact tables (`generate.ts`); `lookup.ts` answers questions about it.
 */

export const CATALOGUE_VERSIONS = ["2.4", "3.4", "3.6"] as const;
export type CatalogueVersion = (typeof CATALOGUE_VERSIONS)[number];

/** Script block kinds, in OpenSIPS's route-flag bit order (REQUEST=1 … EVENT=256). */
export const ROUTE_KINDS = ["request", "failure", "onreply", "branch", "error", "local", "startup", "timer", "event"] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

/**
 * What a function parameter is:
 * - `int`: an integer.
 * - `str`: a string; a literal holding `$…` is a format string (PVs expanded at call time).
 * - `str-static`: a string literal without variables (flag names, table names).
 * - `str-noexpand`: a string that is not PV-expanded.
 * - `var`: a pseudo-variable read by the function.
 * - `var-out`: a pseudo-variable the function writes (must be writable; `avpOnly` when the fixup says so).
 * - `regex`: a regular expression (a literal is compiled at start-up).
 * - `any`: not recorded (2.4 rows whose fixup was not read).
 */
export type ParamKind = "int" | "str" | "str-static" | "str-noexpand" | "var" | "var-out" | "regex" | "any";

/**
 * How an argument may be written at this position: a quoted `string`, a bare `number`, a
 * pseudo-variable `pv`, or a bare `word` (2.x grammar only).
 */
export type ArgForm = "string" | "number" | "pv" | "word";

/** What the value of a parameter names, beyond its kind. */
export type ParamMeaning =
  /** The name of a route block of the given kind (`t_on_failure("x")` → `failure_route[x]`). */
  | "route:request"
  | "route:failure"
  | "route:onreply"
  | "route:branch"
  /** A message, branch or dialog flag name. */
  | "flag"
  | "branch-flag"
  | "dialog-flag"
  /** A `;`-separated list of output variables (`"$avp(a);$var(b)"`); `-avp` when only AVPs are allowed. */
  | "output-list"
  | "output-avp-list"
  /** A format string the function keeps and renders itself when it needs it (script_trace). */
  | "format";

export interface ParamDescriptor {
  kind: ParamKind;
  optional: boolean;
  accepts: readonly ArgForm[];
  /** For `var-out` (and AVP-typed `var`): only `$avp(...)` is accepted. */
  avpOnly: boolean;
  /** The C fixup function, when the export table names one. */
  fixup: string | null;
  meaning: ParamMeaning | null;
}

export type AsyncSupport = "no" | "yes" | "only";

/** One function as one OpenSIPS version exports it. */
export interface FunctionSignature {
  minArgs: number;
  /** null: variadic. */
  maxArgs: number | null;
  /** 2.4 declares one export per argument count; the counts it accepts (null: every count in range). */
  argCounts: readonly number[] | null;
  params: readonly ParamDescriptor[];
  routeKinds: readonly RouteKind[];
  async: AsyncSupport;
  /** A core statement built into the cfg.y grammar (`xlog`, `route`, all 2.4 core functions). */
  grammarStatement: boolean;
  /** 2.x: may be written without parentheses (`force_rport;`). */
  noParensAllowed: boolean;
  /** 2.4 `obsolete_fixup_*`: rejected at start-up. */
  obsolete: boolean;
}

/** A script function (core or module), with its signature in each version that has it. */
export interface FunctionDescriptor {
  /** `core` or the module name used in `loadmodule "X.so"`. */
  module: string;
  name: string;
  /** `module.name`: the key the runtime attaches implementations to. */
  key: string;
  versions: readonly CatalogueVersion[];
  signatures: Readonly<Partial<Record<CatalogueVersion, FunctionSignature>>>;
}

export interface PvDescriptor {
  module: string;
  name: string;
  takesArgument: boolean;
  writable: boolean;
  indexable: boolean;
  /** Integer-typed values (spec §7.6): `$rs`, `$rc`, `$Ts`, … */
  intTyped: boolean;
  /** Known to hold strings (spec §6.2/§7.6), so comparing it with a number is always an error. */
  stringTyped: boolean;
}

export interface TransformDescriptor {
  module: string;
  /** Lower-case class: `s`, `uri`, `param`, … */
  className: string;
  method: string;
  minParams: number;
  maxParams: number;
}

export type ModParamType = "str" | "int" | "str|int";

export interface ModParamDescriptor {
  module: string;
  name: string;
  type: ModParamType;
  /** USE_FUNC: the value goes to a setter and the parameter may usually be repeated. */
  repeatable: boolean;
}

export interface CoreParamDescriptor {
  name: string;
  /** The grammar's value type as recorded (`INT`, `STR`, `ID`, `SOCKET`, `STR|ID`, …). */
  valueType: string;
}
