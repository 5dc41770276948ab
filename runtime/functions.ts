/**
 * Script functions: how implementations are written and how `rt.fn(name, location)` binds a
 * call site to one.
 *
 * ## Writing a module (runtime/modules/<name>.ts)
 *
 * A module exports a `ModuleImpl` and is listed in runtime/modules/index.ts (an embedder or a
 * test can add more through `createEngine(..., { modules })`):
 *
 * ```ts
 * export const sl: ModuleImpl = {
 *   name: "sl",                                  // the loadmodule name (catalogue `module` column)
 *   functions: new Map([
 *     ["sl_send_reply", { call: (ctx, [code, reason]) => { ctx.sendReply(...); return 1; } }],
 *   ]),
 *   pvs: new Map([["T_branch_idx", () => readOnlyPv("$T_branch_idx", (ctx) => ...)]]),  // optional
 *   init(engine) { ... },                        // optional: once per engine (read modparams here)
 * };
 * ```
 *
 * Arguments arrive as the emitter passes them (runtime-api.md): strings (format strings already
 * rendered), numbers, `undefined` for an empty slot, a PV's value for an input PV, and the `Pv`
 * accessor itself for an output/var parameter (write with `pv.assign(ctx, "=", value)`).
 *
 * Return codes follow OpenSIPS: > 0 true, < 0 false, 0 ends the script (§6.5). Use the
 * context: `ctx.msg` (SipMessage), `ctx.state` (AVPs, flags, $du), `ctx.transaction`,
 * `ensureTransaction(ctx)`, `ctx.sendReply`, `ctx.relay`, `ctx.log`, `ctx.engine` (script,
 * environment, module data).
 *
 * ## Async-capable functions
 *
 * Also give `start(ctx, args, signal)`, used by `async()` and `launch()`. It returns:
 * - a Promise (real I/O started): the script suspends; when it settles the resume route runs;
 * - a number or an `AsyncDone` (completed without I/O): the resume route runs at once, inline;
 * - throwing, or a rejected promise, counts as a start/I/O failure: `$rc` = -1.
 * The promise resolves to the return code, or to `{ code, write }`: `write(ctx)` runs on the
 * resume route's context just before it starts, so outputs (`$avp`, `$var` accessors given as
 * arguments) land in the transaction's AVPs and the worker's current `$var`s (spec §10.2). The
 * ctx given to `start` belongs to the suspended run: do not write outputs to it after `start`
 * returned. `signal` aborts on timeout; `timeoutCode` is the code the resume route then gets
 * (default -1). `timeouts: false` marks functions that ignore async's timeout (exec).
 */
import type { Ctx } from "./ctx.ts";
import type { EngineCore } from "./engine-core.ts";
import { lookupFunction } from "./catalogue/index.ts";
import type { Pv, PvName } from "./pv-types.ts";
import { NotSupported } from "./script-error.ts";
import type { Script } from "./script.ts";
import type { Value } from "./value.ts";

/** One argument of a call. */
export type Arg = Value | undefined | Pv;

export type FunctionCall = (ctx: Ctx, args: readonly Arg[]) => number;

export interface AsyncDone {
  readonly code: number;
  /** Writes the outputs into the resume route's context. */
  readonly write?: (ctx: Ctx) => void;
}

export type AsyncStart = number | AsyncDone | Promise<number | AsyncDone>;

export interface FunctionImpl {
  /** The blocking form: what a plain call runs. */
  readonly call: FunctionCall;
  /** The async form, for async()/launch(). */
  readonly start?: (ctx: Ctx, args: readonly Arg[], signal: AbortSignal) => AsyncStart;
  /** false: async()'s timeout is not supported (logged, and the wait is unbounded). Default true. */
  readonly timeouts?: boolean;
  /** The code the resume route gets when the timeout fires. Default -1. */
  readonly timeoutCode?: number;
}

export interface ModuleImpl {
  /** The `loadmodule` name; `core` for core functions. */
  readonly name: string;
  readonly functions: ReadonlyMap<string, FunctionImpl>;
  /** Pseudo-variables the module provides (`$T_branch_idx`), by name without `$`. */
  readonly pvs?: ReadonlyMap<string, (arg: PvName | null) => Pv>;
  /** Called once per engine whose script loads the module (core: always). */
  init?(engine: EngineCore): void;
}

/** What `rt.fn` returns: call it to run the function; the driver uses `implementation` for async/launch. */
export interface FunctionBinding {
  (ctx: Ctx, args: readonly Arg[]): number;
  readonly functionName: string;
  readonly location: string;
  /** The implementation for the script of `ctx`; throws NotSupported when there is none. */
  implementation(ctx: Ctx): FunctionImpl;
}

/**
 * The implementation a call resolves to: the catalogue's choice for the script's version and
 * loaded modules (core first, then load order), else the first implementing module among core
 * and the loaded ones. `modules` are the engine's implementations.
 */
export function resolveFunction(name: string, script: Script, modules: readonly ModuleImpl[]): FunctionImpl | null {
  const implementationIn = (module: string): FunctionImpl | undefined => modules.find((m) => m.name === module)?.functions.get(name);
  const found = lookupFunction(name, script.target, script.modules);
  if (found.kind === "found") return implementationIn(found.descriptor.module) ?? null;
  for (const module of ["core", ...script.modules]) {
    const impl = implementationIn(module);
    if (impl !== undefined) return impl;
  }
  return null;
}

export function fn(name: string, location: string): FunctionBinding {
  let resolvedFor: EngineCore | null = null;
  let resolved: FunctionImpl | null = null;
  const implementation = (ctx: Ctx): FunctionImpl => {
    const engine = ctx.engine;
    if (resolvedFor !== engine) {
      resolved = resolveFunction(name, engine.script, engine.modules);
      resolvedFor = engine;
    }
    if (resolved === null) throw new NotSupported(name, location);
    return resolved;
  };
  const binding = (ctx: Ctx, args: readonly Arg[]): number => implementation(ctx).call(ctx, args);
  return Object.assign(binding, { functionName: name, location, implementation });
}
