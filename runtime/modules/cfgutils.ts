/**
 * cfgutils: random events, sleeps and locks. sleep/usleep block the worker when called plainly
 * (as in OpenSIPS) and wait on a timer under async(). Locks are no-ops: a script runs on one
 * thread, so a critical section cannot be interleaved.
 */
import { intArg, pvArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { sleepFor } from "../backends/sleep.ts";

const DEFAULT_PROBABILITY = 10;
const probabilities = new WeakMap<object, number>();

function probabilityOf(ctx: Ctx): number {
  return probabilities.get(ctx.engine) ?? DEFAULT_PROBABILITY;
}

/** rand_event([percent]): true with the given (or the set) probability. */
function randEvent(ctx: Ctx, percent: number | null): number {
  const p = percent ?? probabilityOf(ctx);
  return Math.random() * 100 < p ? 1 : -1;
}

function setProbability(ctx: Ctx, percent: number | null): number {
  if (percent === null || percent < 0 || percent > 100) return -1;
  probabilities.set(ctx.engine, percent);
  return 1;
}

const blocker = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread, as a plain sleep blocks an OpenSIPS worker. */
function blockFor(milliseconds: number | null): number {
  if (milliseconds === null || milliseconds < 0) return -1;
  Atomics.wait(blocker, 0, 0, milliseconds);
  return 1;
}

function sleeper(unitMs: number): FunctionImpl {
  return {
    call: (_ctx, [amount]) => blockFor(scaled(intArg(amount), unitMs)),
    start: (_ctx, [amount]) => {
      const ms = scaled(intArg(amount), unitMs);
      return ms === null || ms < 0 ? -1 : sleepFor(ms);
    },
  };
}

function scaled(amount: number | null, unitMs: number): number | null {
  return amount === null ? null : amount * unitMs;
}

/** shuffle_avps($avp(x)): the values of the AVP in a random order. */
function shuffleAvps(ctx: Ctx, target: ReturnType<typeof pvArg>): number {
  const values = target?.all?.(ctx);
  if (target === null || values === undefined) return -1;
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  target.assign(ctx, ":=", null);
  for (const value of [...values].reverse()) target.assign(ctx, "=", value);
  return 1;
}

const always = (): number => 1;

export const cfgutils: ModuleImpl = {
  name: "cfgutils",
  functions: new Map<string, FunctionImpl>([
    ["rand_event", { call: (ctx, [percent]) => randEvent(ctx, intArg(percent)) }],
    ["rand_set_prob", { call: (ctx, [percent]) => setProbability(ctx, intArg(percent)) }],
    ["rand_reset_prob", { call: (ctx) => setProbability(ctx, DEFAULT_PROBABILITY) }],
    ["rand_get_prob", { call: (ctx) => probabilityOf(ctx) }],
    ["sleep", sleeper(1000)],
    ["usleep", sleeper(0.001)],
    ["shuffle_avps", { call: (ctx, [target]) => shuffleAvps(ctx, pvArg(target)) }],
    ["get_static_lock", { call: always }],
    ["release_static_lock", { call: always }],
    ["get_dynamic_lock", { call: always }],
    ["release_dynamic_lock", { call: always }],
    ["strings_share_lock", { call: always }],
  ]),
};
