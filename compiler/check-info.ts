/** What the checker hands to later phases (the emitter), so they never resolve anything again. */
import type { Call, RouteBlock, RouteKind } from "./ast.ts";
import type { CatalogueVersion, FunctionDescriptor, FunctionSignature } from "../runtime/catalogue/types.ts";

export type CheckTarget = CatalogueVersion;

/** How a call runs: plainly, under `async(...)`, or under `launch(...)`. */
export type CallMode = "sync" | "async" | "launch";

export type ResolvedCall =
  /** A catalogue function; `signature.params[i]` describes argument `i`. */
  | { kind: "catalogue"; descriptor: FunctionDescriptor; signature: FunctionSignature; mode: CallMode }
  /**
   * Not in the catalogue, while the script loads modules the catalogue does not know (third-party,
   * or newer than 3.6): compiled without checks, its arguments taken as written.
   */
  | { kind: "unchecked"; mode: CallMode };

export interface RouteTable {
  /**
   * One block per kind and name, the first definition when a name repeats. Unnamed blocks
   * (`route`, `onreply_route`, `error_route`, `local_route`, `startup_route`) are under `null`;
   * `route[0]` is the main route, so it is under `null` too.
   */
  byKind: Readonly<Record<RouteKind, ReadonlyMap<string | null, RouteBlock>>>;
  /** `timer_route` names may repeat: every timer block, in source order. */
  timers: readonly RouteBlock[];
  /** `route[name]` blocks used as `async()` resume or `launch()` report routes. */
  resumeRoutes: ReadonlySet<string>;
}

export interface CheckInfo {
  target: CheckTarget;
  /** The modules of the script's `loadmodule` lines, in load order. */
  loadedModules: readonly string[];
  /** Loaded modules the catalogue does not know: their functions compile unchecked. */
  uncheckedModules: ReadonlySet<string>;
  routes: RouteTable;
  /** Every call that resolved (calls with an error diagnostic are absent). */
  calls: ReadonlyMap<Call, ResolvedCall>;
}
