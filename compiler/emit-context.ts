/** What every part of the emitter shares while writing one module. */
import type { Call, RouteKind, Span } from "./ast.ts";
import { diagnostic, type Diagnostic } from "./diagnostics.ts";
import type { Hoisted } from "./emit-hoist.ts";
import type { Out } from "./emit-writer.ts";
import type { CatalogueVersion, ParamDescriptor } from "../runtime/catalogue/types.ts";

/** The OpenSIPS version a script is compiled for. */
export type Target = CatalogueVersion;

export interface EmitOptions {
  /** The main `.cfg` file (as the spans name it). */
  file: string;
  target: Target;
  /** Module specifier of the runtime's public API. */
  runtimeImport: string;
  /** The parameters of the function `call` resolves to (from the checker), or null when unknown. */
  paramsOf(call: Call): readonly ParamDescriptor[] | null;
  /**
   * "js" leaves out the few type annotations (route signatures, the route tables' type arguments),
   * which is all that separates the emitted TypeScript from JavaScript. Default "ts".
   */
  language?: "ts" | "js";
  /** The script calls script_trace: write a `rt.trace(...)` before every action (emit-trace.ts). */
  traceActions?: boolean;
  /** The module a call resolves to (`core` for core functions), or null when unknown; names traced calls. */
  moduleOf?(call: Call): string | null;
}

/** `text` (a type annotation) when emitting TypeScript, nothing when emitting JavaScript. */
export function typeAnnotation(options: EmitOptions, text: string): string {
  return options.language === "js" ? "" : text;
}

/** State of the route function being written. */
export interface RouteScope {
  /** Loops open around the current statement (names their counters and values). */
  loops: number;
  /** Switches open around the current statement (names their labels). */
  switches: number;
  /** Conditions computed into constants so far in this route (names them uniquely). */
  conditions: number;
  /** What a `break` leaves, innermost last: "" for a loop (plain `break`), a label for a switch. */
  breakTargets: string[];
  /** Set when a `&&`/`||` was written: the route then declares the temporary `t`. */
  usesTemp: boolean;
}

export interface EmitContext {
  /** The section being written (one per route). */
  out: Out;
  readonly hoist: Hoisted;
  readonly options: EmitOptions;
  readonly diagnostics: Diagnostic[];
  /** The function identifier of each route, per kind; the unnamed block of a kind is under "". */
  readonly routeNames: ReadonlyMap<RouteKind, ReadonlyMap<string, string>>;
  scope: RouteScope;
}

/** `file:line` as the runtime names a call site in messages ("not supported by the runtime: f at x.cfg:12"). */
export function location(span: Span): string {
  return `${span.file}:${span.line}`;
}

export function emitError(ec: EmitContext, message: string, span: Span): void {
  ec.diagnostics.push(diagnostic("error", "OSX5001", message, span));
}
