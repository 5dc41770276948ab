/**
 * The runtime's public API: what emitted scripts import as `rt` (see /work/notes/runtime-api.md)
 * and what tools (the CLI's run/serve, tests) use to run them.
 */

// ---- used by emitted code ----------------------------------------------------------------------
export type { Value, IntWithText } from "./value.ts";
export { ERROR, NotSupported, type Operand, type ScriptError } from "./script-error.ts";
export { Ctx, type RouteFrame, type Worker } from "./ctx.ts";
export {
  defineScript,
  type RouteFn,
  type RouteGen,
  type RouteKind,
  type Script,
  type ScriptGlobal,
  type ScriptModParam,
  type ScriptRoutes,
  type ScriptSocket,
  type ScriptTarget,
  type ScriptTimer,
} from "./script.ts";
export { suspend, type AsyncRequest } from "./suspend.ts";
export { trace } from "./script-trace.ts";
export { launch } from "./driver.ts";
export { action, assertion, callRoute, callRouteByName, drop, exit, loopGuard, ret } from "./control.ts";
export { op } from "./ops.ts";
export { caseIndex, cmp, not, test, truthy } from "./compare.ts";
export { pv, each } from "./pv.ts";
export type { AssignOp, Pv, PvIndex, PvName } from "./pv-types.ts";
export { tr, type Transform } from "./transform.ts";
export { format, type Format } from "./format.ts";
export { regex, compileEre, translateEre, type ScriptRegex } from "./regex.ts";
export {
  fn,
  type Arg,
  type AsyncDone,
  type AsyncStart,
  type FunctionBinding,
  type FunctionCall,
  type FunctionImpl,
  type ModuleImpl,
} from "./functions.ts";

// ---- running scripts ---------------------------------------------------------------------------
export { createEngine, type Engine, type EngineOptions, type HandleResult } from "./engine.ts";
export type { EngineCore, RouteName } from "./engine-core.ts";
export type { RunStatus } from "./driver.ts";
export type { Environment, EngineEvent, LogRecord, OutgoingReply, OutgoingRequest, Peer } from "./env/types.ts";
export { OfflineEnvironment, type OfflineOptions } from "./env/offline.ts";
export { traceLine, type TraceEvent } from "./trace.ts";

// ---- for module implementations (runtime/modules/*.ts) and embedders -----------------------------
export { MessageState } from "./message-state.ts";
export { Transaction, ensureTransaction } from "./transaction.ts";
export { intArg, pvArg, textArg } from "./args.ts";
export { readOnlyPv, writablePv, assignScalar } from "./pv-types.ts";
export { L_ALERT, L_CRIT, L_ERR, L_WARN, L_NOTICE, L_INFO, L_DBG, type LogLevel } from "./log-level.ts";
