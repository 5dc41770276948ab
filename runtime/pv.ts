/**
 * `rt.pv`: the accessor builders the emitted code calls once per PV (spec §8). `core(name, arg)`
 * covers every PV that is not `$var`/`$avp`/`$shv`/`$param`: script and engine PVs, time, message
 * PVs and the PVs modules provide. A name nothing implements gives an accessor that throws
 * NotSupported when used (loading the script never fails because of it).
 */
import { MODULES } from "./modules/index.ts";
import { avpPv } from "./pv-avp.ts";
import { BRANCH_PVS } from "./pv-branch.ts";
import { each, indexed, inContext, transformed } from "./pv-index.ts";
import { MESSAGE_PVS } from "./pv-message.ts";
import {
  branchFlagPv,
  envPv,
  flagListPv,
  logLevelPv,
  messageFlagPv,
  paramPv,
  pidPv,
  randomPv,
  rcPv,
  returnPv,
  routePv,
  shvPv,
  varPv,
} from "./pv-script.ts";
import { clockPv, timePv } from "./pv-time.ts";
import type { Format } from "./format.ts";
import { readOnlyPv, type Pv, type PvName } from "./pv-types.ts";
import { NotSupported } from "./script-error.ts";

type PvFactory = (arg: PvName | null) => Pv;

const SCRIPT_PVS = new Map<string, PvFactory>([
  ["rc", () => rcPv("rc")],
  ["retcode", () => rcPv("retcode")],
  ["return", (arg) => returnPv(arg ?? "0")],
  ["route", () => routePv("")],
  ["route.name", () => routePv("name")],
  ["route.type", () => routePv("type")],
  ["msg.flag", (arg) => messageFlagPv(arg ?? "")],
  ["msg.branch.flag", (arg) => branchFlagPv(arg ?? "")],
  ["mf", () => flagListPv("mf")],
  ["bf", () => flagListPv("bf")],
  ["log_level", () => logLevelPv("log_level")],
  ["xlog_level", () => logLevelPv("xlog_level")],
  ["RANDOM", () => randomPv],
  ["pp", () => pidPv],
  ["env", (arg) => envPv(arg ?? "")],
  ["Ts", () => clockPv("Ts")],
  ["Tsm", () => clockPv("Tsm")],
  ["Tf", () => clockPv("Tf")],
  ["TS", () => clockPv("TS")],
  ["time", (arg) => timePv(arg ?? "")],
  ["var", (arg) => varPv(arg ?? "")],
  ["avp", (arg) => avpPv(arg ?? "")],
  ["shv", (arg) => shvPv(arg ?? "")],
  ["param", (arg) => paramPv(arg ?? "")],
]);

function moduleFactory(name: string): PvFactory | undefined {
  for (const module of MODULES) {
    const factory = module.pvs?.get(name);
    if (factory !== undefined) return factory;
  }
  return undefined;
}

function unsupported(name: string, arg: PvName | null): Pv {
  const spec = arg === null ? `$${name}` : `$${name}(${typeof arg === "string" ? arg : arg.spec})`;
  const fail = (): never => {
    throw new NotSupported(`pseudo-variable ${spec}`);
  };
  return { spec, get: fail, assign: fail };
}

function core(name: string, arg?: PvName): Pv {
  const a = arg ?? null;
  const factory = moduleFactory(name) ?? SCRIPT_PVS.get(name) ?? MESSAGE_PVS.get(name) ?? BRANCH_PVS.get(name);
  return factory === undefined ? unsupported(name, a) : factory(a);
}

export const pv = {
  core,
  avp: avpPv,
  var: varPv,
  shv: shvPv,
  param: (which: number | PvName): Pv => paramPv(which),
  indexed,
  transformed,
  context: inContext,
  /** A format a function renders itself when it needs it (script_trace's), as a read-only accessor. */
  formatted: (spec: string, format: Format): Pv => readOnlyPv(spec, (ctx) => format.render(ctx)),
};

export { each };
