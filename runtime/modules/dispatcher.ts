/**
 * dispatcher (OpenSIPS 3.6): load balancing over destination sets loaded from the database
 * (dispatcher-state.ts). ds_select_dst/ds_select_domain pick a destination into `$du` /
 * the R-URI host (dispatcher-select.ts), ds_next_dst/ds_next_domain walk the failover list the
 * 'f' flag keeps in AVPs (dispatcher-failover.ts), ds_mark_dst changes the current destination's
 * state (dispatcher-mark.ts); ds_is_in_list, ds_count and the script attributes look sets up
 * (dispatcher-lookup.ts). Not done offline: probing (OPTIONS pings), blacklists, clustering,
 * writing states back to the database, FreeSWITCH weights and the destinations' sockets.
 */
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { DestinationMode } from "./dispatcher-destination.ts";
import { nextDestination } from "./dispatcher-failover.ts";
import { parseSelectFlags } from "./dispatcher-flags.ts";
import { countDestinations, getScriptAttrs, isInList, pushScriptAttrs } from "./dispatcher-lookup.ts";
import { markDestination, markState } from "./dispatcher-mark.ts";
import { selectDestination } from "./dispatcher-select.ts";
import { dispatcherFor, partitionFor, setFor, type Dispatcher, type Partition } from "./dispatcher-state.ts";

const DEFAULT_MAX_RESULTS = 1000;

/** A function running on a partition (the argument at `partitionArg`); -1 when the module or the partition is unusable. */
function onPartition(fn: string, partitionArg: number, body: (ctx: Ctx, args: readonly Arg[], dispatcher: Dispatcher, partition: Partition) => number): FunctionImpl {
  return {
    call(ctx, args) {
      const dispatcher = dispatcherFor(ctx, fn);
      const partition = dispatcher === null ? null : partitionFor(ctx, dispatcher, args[partitionArg], fn);
      return dispatcher === null || partition === null ? -1 : body(ctx, args, dispatcher, partition);
    },
  };
}

/** An integer argument; `fallback` when the slot is empty; null (logged) when it is not an integer. */
function intParam(ctx: Ctx, arg: Arg, fn: string, what: string, fallback?: number): number | null {
  const n = arg === undefined && fallback !== undefined ? fallback : intArg(arg);
  if (n === null) ctx.log(L_ERR, `ERROR:dispatcher:${fn}: bad ${what} argument`);
  return n;
}

function select(fn: string, mode: DestinationMode): FunctionImpl {
  return onPartition(fn, 3, (ctx, [setArg, algArg, flagsArg, , maxArg], dispatcher, partition) => {
    const setId = intParam(ctx, setArg, fn, "set");
    const alg = intParam(ctx, algArg, fn, "algorithm");
    const maxResults = intParam(ctx, maxArg, fn, "max_res", DEFAULT_MAX_RESULTS);
    const flags = parseSelectFlags(textArg(flagsArg) ?? "");
    if (flags === null) ctx.log(L_ERR, `ERROR:dispatcher:${fn}: invalid flags "${textArg(flagsArg) ?? ""}"`);
    if (setId === null || alg === null || maxResults === null || flags === null) return -1;
    if (partition.sets.length === 0) return -1;
    const set = setFor(ctx, partition, setId, fn);
    return set === null ? -1 : selectDestination(ctx, dispatcher, partition, set, { alg, flags, maxResults, mode }, fn);
  });
}

function next(fn: string, mode: DestinationMode): FunctionImpl {
  return onPartition(fn, 0, (ctx, _args, _dispatcher, partition) => nextDestination(ctx, partition.config.avps, mode, fn));
}

const markDst = onPartition("ds_mark_dst", 1, (ctx, [stateArg], dispatcher, partition) => {
  const state = markState(ctx, textArg(stateArg));
  return state === null ? -1 : markDestination(ctx, partition, state, dispatcher.settings.probingThreshold);
});

const isInListFn = onPartition("ds_is_in_list", 3, (ctx, [ipArg, portArg, setArg, , activeArg, patternArg], dispatcher, partition) => {
  const port = intParam(ctx, portArg, "ds_is_in_list", "port");
  const setId = intParam(ctx, setArg, "ds_is_in_list", "set", -1);
  if (port === null || setId === null) return -1;
  const query = { ip: textArg(ipArg) ?? "", port, setId, activeOnly: (intArg(activeArg) ?? 0) !== 0, pattern: textArg(patternArg) };
  return isInList(ctx, dispatcher, partition, query);
});

const count = onPartition("ds_count", 3, (ctx, [setArg, filterArg, outArg], _dispatcher, partition) => {
  const setId = intParam(ctx, setArg, "ds_count", "set");
  const out = pvArg(outArg);
  const set = setId === null ? null : setFor(ctx, partition, setId, "ds_count");
  return set === null || out === null ? -1 : countDestinations(ctx, set, textArg(filterArg) ?? "", out);
});

const pushAttrs = onPartition("ds_push_script_attrs", 4, (ctx, [attrsArg, ipArg, portArg, setArg], _dispatcher, partition) => {
  const port = intParam(ctx, portArg, "ds_push_script_attrs", "port");
  const setId = intParam(ctx, setArg, "ds_push_script_attrs", "set", -1);
  if (port === null || setId === null) return -1;
  return pushScriptAttrs(ctx, partition, textArg(attrsArg) ?? "", textArg(ipArg) ?? "", port, setId);
});

const getAttrs = onPartition("ds_get_script_attrs", 2, (ctx, [uriArg, setArg, , outArg], _dispatcher, partition) => {
  const setId = intParam(ctx, setArg, "ds_get_script_attrs", "set");
  const out = pvArg(outArg);
  return setId === null || out === null ? -1 : getScriptAttrs(ctx, partition, textArg(uriArg) ?? "", setId, out);
});

export const dispatcher: ModuleImpl = {
  name: "dispatcher",
  functions: new Map([
    ["ds_select_dst", select("ds_select_dst", "dst")],
    ["ds_select_domain", select("ds_select_domain", "domain")],
    ["ds_next_dst", next("ds_next_dst", "dst")],
    ["ds_next_domain", next("ds_next_domain", "domain")],
    ["ds_mark_dst", markDst],
    ["ds_is_in_list", isInListFn],
    ["ds_count", count],
    ["ds_push_script_attrs", pushAttrs],
    ["ds_get_script_attrs", getAttrs],
  ]),
};
