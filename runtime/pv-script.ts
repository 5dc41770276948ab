/**
 * Script and engine pseudo-variables (spec §5.7, §5.8, §8.3, §8.4): `$var`, `$shv`, `$param`,
 * `$rc`/`$retcode`, `$return`, `$route*`, flags, log levels, `$RANDOM`, `$pp`, `$env`.
 */
import type { Ctx, RouteFrame } from "./ctx.ts";
import { clearBit, hasBit, setBit, type FlagNames } from "./flags.ts";
import { truthy } from "./compare.ts";
import {
  indexNumber,
  nameSpec,
  readOnlyPv,
  resolveName,
  valueAt,
  writablePv,
  type Pv,
  type PvName,
} from "./pv-types.ts";
import { intOf } from "./transformations/value-text.ts";
import type { Value } from "./value.ts";

/** `$var(name)`: one value per name, in the worker's store (never reset between messages). */
export function varPv(name: PvName): Pv {
  return writablePv(
    `$var(${nameSpec(name)})`,
    (ctx) => {
      const n = resolveName(ctx, name);
      return n === null ? null : (ctx.worker.vars.get(n) ?? null);
    },
    (ctx, v) => {
      const n = resolveName(ctx, name);
      if (n === null) return false;
      ctx.worker.vars.set(n, v);
      return true;
    },
  );
}

/** `$shv(name)`: shared by every worker; a name never assigned reads as the integer 0. */
export function shvPv(name: PvName): Pv {
  return writablePv(
    `$shv(${nameSpec(name)})`,
    (ctx) => {
      const n = resolveName(ctx, name);
      if (n === null) return null;
      const shv = ctx.engine.shv;
      return shv.has(n) ? shv.get(n)! : 0;
    },
    (ctx, v) => {
      const n = resolveName(ctx, name);
      if (n === null) return false;
      ctx.engine.shv.set(n, v);
      return true;
    },
  );
}

/**
 * `$param(i)` (1-based, this call level's arguments) or, in an event route, `$param(name)`.
 * A PV index is a position when its value is an integer, a name otherwise.
 */
export function paramPv(which: number | PvName): Pv {
  const spec = `$param(${typeof which === "number" ? which : nameSpec(which)})`;
  return readOnlyPv(spec, (ctx) => {
    const key = typeof which === "number" ? which : typeof which === "string" ? which : which.get(ctx);
    const position = typeof key === "number" ? key : typeof key === "string" && /^[0-9]+$/.test(key) ? Number(key) : indexNumber(key);
    if (typeof key === "string" && ctx.eventParams.has(key)) return ctx.eventParams.get(key)!;
    if (position === null || position < 1) return null;
    return ctx.params[position - 1] ?? (ctx.kind === "event" ? eventParamAt(ctx, position) : null);
  });
}

function eventParamAt(ctx: Ctx, position: number): Value {
  return [...ctx.eventParams.values()][position - 1] ?? null;
}

/** `$rc` / `$retcode` */
export function rcPv(name: string): Pv {
  return readOnlyPv(`$${name}`, (ctx) => ctx.rc);
}

/** `$return(i)`: the extra values of the most recently finished route (0-based). */
export function returnPv(index: PvName): Pv {
  return readOnlyPv(`$return(${nameSpec(index)})`, (ctx) => {
    const i = typeof index === "string" ? indexNumber(index) : indexNumber(index.get(ctx));
    return i === null ? null : valueAt(ctx.returned, i);
  });
}

const ROUTE_TYPE_NAMES: Readonly<Record<string, string>> = {
  request: "request_route",
  failure: "failure_route",
  onreply: "onreply_route",
  branch: "branch_route",
  error: "error_route",
  local: "local_route",
  startup: "startup_route",
  timer: "timer_route",
  event: "event_route",
};

/**
 * `$route` (`route[sub]`; indexable through the call stack, innermost first), `$route.name`
 * and `$route.type` (the kind of the top-level run: a sub-route called from a failure route
 * reports `failure_route`).
 */
export function routePv(field: "" | "name" | "type"): Pv {
  const spec = field === "" ? "$route" : `$route.${field}`;
  const describe = (ctx: Ctx, frame: RouteFrame): Value => {
    if (field === "name") return frame.name;
    if (field === "type") return ROUTE_TYPE_NAMES[ctx.kind]!;
    const block = frame.kind === "request" ? "route" : ROUTE_TYPE_NAMES[frame.kind]!;
    return frame.name === null ? block : `${block}[${frame.name}]`;
  };
  return readOnlyPv(
    spec,
    (ctx) => {
      const frame = ctx.routeStack.at(-1);
      return frame === undefined ? null : describe(ctx, frame);
    },
    (ctx) => [...ctx.routeStack].reverse().map((frame) => describe(ctx, frame)),
  );
}

function flagPv(spec: string, names: (ctx: Ctx) => FlagNames, flag: PvName, mask: (ctx: Ctx) => number, setMask: (ctx: Ctx, m: number) => void): Pv {
  return writablePv(
    spec,
    (ctx) => {
      const name = resolveName(ctx, flag);
      const bit = name === null ? null : names(ctx).bit(name);
      if (bit === null) return null;
      return hasBit(mask(ctx), bit) ? { int: 1, text: "true" } : { int: 0, text: "false" };
    },
    (ctx, v) => {
      const name = resolveName(ctx, flag);
      const bit = name === null ? null : names(ctx).bit(name);
      if (bit === null) return false;
      setMask(ctx, truthy(v) === 1 ? setBit(mask(ctx), bit) : clearBit(mask(ctx), bit));
      return true;
    },
  );
}

/** `$msg.flag(NAME)`: prints `true`/`false`; assigning a true value sets the flag. */
export function messageFlagPv(flag: PvName): Pv {
  return flagPv(
    `$msg.flag(${nameSpec(flag)})`,
    (ctx) => ctx.engine.messageFlags,
    flag,
    (ctx) => ctx.state.flags,
    (ctx, m) => (ctx.state.flags = m),
  );
}

/** `$msg.branch.flag(NAME)` for branch 0 (the R-URI branch). */
export function branchFlagPv(flag: PvName): Pv {
  return flagPv(
    `$msg.branch.flag(${nameSpec(flag)})`,
    (ctx) => ctx.engine.branchFlags,
    flag,
    (ctx) => ctx.state.branchFlags,
    (ctx, m) => (ctx.state.branchFlags = m),
  );
}

/** `$mf` / `$bf`: the names of the set message / branch flags, separated by blanks. */
export function flagListPv(which: "mf" | "bf"): Pv {
  return readOnlyPv(`$${which}`, (ctx) =>
    which === "mf"
      ? ctx.engine.messageFlags.namesOf(ctx.state.flags).join(" ")
      : ctx.engine.branchFlags.namesOf(ctx.state.branchFlags).join(" "),
  );
}

/** `$log_level` / `$xlog_level` */
export function logLevelPv(which: "log_level" | "xlog_level"): Pv {
  return writablePv(
    `$${which}`,
    (ctx) => (which === "log_level" ? ctx.engine.logLevel : (ctx.engine.xlogLevel ?? ctx.engine.logLevel)),
    (ctx, v) => {
      const n = intOf(v);
      if (n === null) return false;
      if (which === "log_level") ctx.engine.logLevel = n;
      else ctx.engine.xlogLevel = n;
      return true;
    },
  );
}

/** `$RANDOM`: 0 … RAND_MAX. */
export const randomPv = readOnlyPv("$RANDOM", () => Math.floor(Math.random() * 0x80000000));

/** `$pp`: the worker's process id. */
export const pidPv = readOnlyPv("$pp", (ctx) => ctx.engine.env.pid + ctx.worker.index);

/** `$env(NAME)` */
export function envPv(name: PvName): Pv {
  return readOnlyPv(`$env(${nameSpec(name)})`, (ctx) => {
    const n = resolveName(ctx, name);
    return n === null ? null : (process.env[n] ?? null);
  });
}
