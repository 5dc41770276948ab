/**
 * maxfwd: Max-Forwards handling. mf_process_maxfwd_header adds the header with the given value
 * when missing (2), decrements it (1; values above `max_limit` are first lowered to it), and
 * returns -1 when it is 0 (the script answers 483) or -2 when it is not a number.
 * is_maxfwd_lt(n) compares the current value, the decremented one after processing.
 */
import { intArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { ModuleImpl } from "../functions.ts";
import { intModParam } from "./modparams.ts";

const DEFAULT_MAX_LIMIT = 70;
/** Where the engine keeps maxfwd's `max_limit` (read once). */
const MAX_LIMIT = "maxfwd.max_limit";
const MAX_VALUE = 255;

/**
 * The Max-Forwards value: -1 when there is no header, -2 when it is not a number. After
 * mf_process_maxfwd_header, the value it set (the header change itself is pending).
 */
function currentValue(ctx: Ctx): number {
  const known = ctx.msg.outgoingMaxForwards;
  if (known !== null) return known;
  const text = ctx.msg.header("max-forwards");
  if (text === null) return -1;
  return /^[0-9]{1,3}$/.test(text.trim()) && Number(text.trim()) <= MAX_VALUE ? Number(text.trim()) : -2;
}

function processHeader(ctx: Ctx, valueIfMissing: number | null): number {
  const value = currentValue(ctx);
  if (value === -2) return -2;
  if (value === -1) {
    if (valueIfMissing === null || valueIfMissing < 0 || valueIfMissing > MAX_VALUE) return -2;
    ctx.msg.setMaxForwards(valueIfMissing);
    return 2;
  }
  if (value === 0) return -1;
  const limit = (ctx.engine.moduleData.get(MAX_LIMIT) as number | undefined) ?? DEFAULT_MAX_LIMIT;
  const next = Math.min(value, limit + 1) - 1;
  ctx.msg.setMaxForwards(next);
  return 1;
}

function isLessThan(ctx: Ctx, limit: number | null): number {
  const value = currentValue(ctx);
  if (value < 0) return value - 1;
  return limit !== null && value < limit ? 1 : -1;
}

export const maxfwd: ModuleImpl = {
  name: "maxfwd",
  functions: new Map([
    ["mf_process_maxfwd_header", { call: (ctx, [value]) => processHeader(ctx, intArg(value)) }],
    ["is_maxfwd_lt", { call: (ctx, [limit]) => isLessThan(ctx, intArg(limit)) }],
  ]),
  init(engine) {
    engine.moduleData.set(MAX_LIMIT, intModParam(engine.script, "maxfwd", "max_limit", DEFAULT_MAX_LIMIT));
  },
};
