/**
 * script_trace([level, format[, info]]) (core): from the call on, every action of the run logs
 * `[Script Trace][file:line][info][class action] -> (format)` at `level`, the format rendered as
 * the action starts, as OpenSIPS's __script_trace prints it. script_trace() stops it; so does the
 * end of the top-level run. The compiler writes a `rt.trace(...)` before each action only in
 * scripts that call script_trace, so other scripts pay nothing.
 */
import type { Ctx } from "./ctx.ts";
import { intArg, textArg } from "./args.ts";
import type { FunctionImpl } from "./functions.ts";
import { L_ERR, type LogLevel } from "./log-level.ts";
import { isPv, type Pv } from "./pv-types.ts";
import { textOf } from "./transformations/value-text.ts";

export interface ScriptTrace {
  readonly level: LogLevel;
  /** The format (a rendering accessor: the compiler passes `rt.pv.formatted(...)`). */
  readonly format: Pv;
  readonly info: string | null;
}

/** OpenSIPS's E_CFG: script_trace with a level but no format (or the reverse). */
const E_CFG = -6;

export const SCRIPT_TRACE: FunctionImpl = {
  call(ctx, [level, format, info]) {
    if (level === undefined && format === undefined && info === undefined) {
      ctx.trace = null;
      return 1;
    }
    const traceLevel = intArg(level);
    if (traceLevel === null) {
      ctx.log(L_ERR, "ERROR:core:w_script_trace: Missing 'log_level' parameter");
      return E_CFG;
    }
    if (!isPv(format)) {
      ctx.log(L_ERR, "ERROR:core:w_script_trace: Missing 'pv_format_string' parameter");
      return E_CFG;
    }
    ctx.trace = { level: traceLevel as LogLevel, format, info: textArg(info) };
    return 1;
  },
};

/** `rt.trace(ctx, "file:line", class, action)`: one trace line when the run is being traced. */
export function trace(ctx: Ctx, where: string, actionClass: string, action: string): void {
  const traced = ctx.trace;
  if (traced === null) return;
  const value = textOf(traced.format.get(ctx)) ?? "";
  const info = traced.info === null ? "" : `[${traced.info}]`;
  ctx.log(traced.level, `[Script Trace][${where}]${info}[${actionClass} ${action}] -> (${value})`);
}
