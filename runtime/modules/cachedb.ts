/**
 * The core cachedb functions (cache_store, cache_fetch, cache_remove, cache_add, cache_sub,
 * cache_counter_fetch) over cachedb_local: system `"local"` (the default collection) or
 * `"local:collection"`. Other cachedb systems (redis, memcached…) are not served: -1 and an error.
 */
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { LocalCache } from "../backends/cache.ts";

const DATA_KEY = "cachedb_local";

function collection(ctx: Ctx, system: string | null): LocalCache | null {
  const match = system === null ? null : /^local(?::(.+))?$/.exec(system.trim());
  if (match === null) {
    ctx.log(L_ERR, `ERROR:core:cachedb: cannot find cachedb system "${system ?? ""}" (only cachedb_local is served)`);
    return null;
  }
  let collections = ctx.engine.moduleData.get(DATA_KEY) as Map<string, LocalCache> | undefined;
  if (collections === undefined) {
    collections = new Map();
    ctx.engine.moduleData.set(DATA_KEY, collections);
  }
  const name = match[1] ?? "default";
  let cache = collections.get(name);
  if (cache === undefined) {
    const env = ctx.engine.env;
    cache = new LocalCache(() => env.now());
    collections.set(name, cache);
  }
  return cache;
}

function counter(ctx: Ctx, [system, key, amount, expires, out]: readonly Arg[], sign: 1 | -1): number {
  const delta = intArg(amount);
  if (delta === null) return -1;
  return withKey(ctx, system, key, (cache, k) => fetched(ctx, out, cache.add(k, sign * delta, intArg(expires) ?? 0)));
}

/** Runs `use` on the collection and key of a call; -1 when either is missing. */
function withKey(ctx: Ctx, system: Arg, key: Arg, use: (cache: LocalCache, key: string) => number): number {
  const cache = collection(ctx, textArg(system));
  const name = textArg(key);
  return cache === null || name === null ? -1 : use(cache, name);
}

/** Writes a found value to the output variable; the lookup's code. */
function fetched(ctx: Ctx, out: Arg, found: { code: number; value?: string | number }): number {
  if (found.code === 1 && found.value !== undefined) pvArg(out)?.assign(ctx, "=", found.value);
  return found.code;
}

export const CACHEDB_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["cache_store", { call: (ctx, [system, key, value, expires]) => withKey(ctx, system, key, (cache, k) => cache.store(k, textArg(value) ?? "", intArg(expires) ?? 0)) }],
  ["cache_fetch", { call: (ctx, [system, key, out]) => withKey(ctx, system, key, (cache, k) => fetched(ctx, out, cache.fetch(k))) }],
  ["cache_remove", { call: (ctx, [system, key]) => withKey(ctx, system, key, (cache, k) => cache.remove(k)) }],
  ["cache_add", { call: (ctx, args) => counter(ctx, args, 1) }],
  ["cache_sub", { call: (ctx, args) => counter(ctx, args, -1) }],
  ["cache_counter_fetch", { call: (ctx, [system, key, out]) => withKey(ctx, system, key, (cache, k) => fetched(ctx, out, cache.counterFetch(k))) }],
]);
