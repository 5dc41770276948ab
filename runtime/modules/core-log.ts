/**
 * Core logging (spec §5.11): xlog, xdbg, log, error, avp_print.
 */
import { intArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { clampLogLevel, L_DBG, L_ERR, L_INFO, parseLogLevel, type LogLevel } from "../log-level.ts";
import { textOf } from "../transformations/value-text.ts";

/** The text of a log line: the format's output without its final newline. */
function lineText(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** xlog("fmt") at xlog_print_level, xlog("L_LVL", "fmt"), or a level given as a rendered PV. */
function xlog(ctx: Ctx, args: readonly Arg[]): number {
  const withLevel = args.length >= 2;
  const text = textArg(withLevel ? args[1] : args[0]) ?? "";
  let level: LogLevel | null = clampLogLevel(ctx.engine.xlogPrintLevel);
  if (withLevel) {
    const levelText = textArg(args[0]) ?? "";
    level = parseLogLevel(levelText);
    if (level === null) {
      ctx.log(L_ERR, `ERROR:xlog: invalid log level "${levelText}"`);
      return -1;
    }
  }
  if (level !== null) ctx.xlog(level, lineText(text));
  return 1;
}

function xdbg(ctx: Ctx, args: readonly Arg[]): number {
  ctx.xlog(L_DBG, lineText(textArg(args[0]) ?? ""));
  return 1;
}

/** log("text") at L_DBG, log(level, "text"); the text is not PV-expanded. */
function log(ctx: Ctx, args: readonly Arg[]): number {
  const withLevel = args.length >= 2;
  const level = withLevel ? clampLogLevel(intArg(args[0]) ?? NaN) : L_DBG;
  if (level === null) return -1;
  ctx.log(level, lineText(textArg(withLevel ? args[1] : args[0]) ?? ""));
  return 1;
}

/** error("a", "b"): a legacy statement that only reports it is not implemented. */
function error(ctx: Ctx): number {
  ctx.log(L_ERR, "ERROR:core:error: error() is not implemented");
  return 1;
}

/** avp_print(): every AVP of the message, one line each. */
function avpPrint(ctx: Ctx): number {
  for (const [name, values] of ctx.state.avps.entries()) {
    for (const value of values) {
      const kind = typeof value === "string" ? "str" : "int";
      ctx.log(L_INFO, `INFO:core:avp_print: name=${name} ${kind}=${textOf(value)}`);
    }
  }
  return 1;
}

export const LOG_FUNCTIONS: [string, FunctionImpl][] = [
  ["xlog", { call: xlog }],
  ["xdbg", { call: xdbg }],
  ["log", { call: log }],
  ["error", { call: error }],
  ["avp_print", { call: avpPrint }],
];
