/**
 * drouting (OpenSIPS 3.6): dynamic routing over gateways, carriers and prefix rules loaded from
 * the database (drouting-state.ts). do_routing picks the rule and rewrites the R-URI with the
 * first gateway (drouting-route.ts), use_next_gw fails over to the next (drouting-next.ts),
 * route_to_carrier / route_to_gw route without rules (drouting-direct.ts), is_from_gw /
 * goes_to_gw / dr_is_gw recognise gateways (drouting-is-gw.ts), dr_match checks a number against
 * the rules (drouting-match.ts), dr_disable takes the gateway in use out of service. Not done
 * offline: probing, blacklists, clustering, qrouting's Q sorting, DNS for gateway host names,
 * sending from a gateway's socket, and writing states back to the database.
 */
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { parseIp } from "../transformations/ip-address.ts";
import { addressOfUri, isGateway } from "./drouting-is-gw.ts";
import { routeToCarriers, routeToGateways } from "./drouting-direct.ts";
import { gatewayFlags, routingFlags } from "./drouting-flags.ts";
import { matchNumber } from "./drouting-match.ts";
import { disableGateway, useNextGateway } from "./drouting-next.ts";
import { doRouting } from "./drouting-route.ts";
import { droutingFor, notePartition, partitionsFor, type Drouting, type Partition } from "./drouting-state.ts";
import type { GatewayAddress } from "./drouting-data.ts";
import type { AttrOutputs } from "./drouting-usage.ts";

type Body = (ctx: Ctx, args: readonly Arg[], drouting: Drouting, partitions: readonly Partition[]) => number;

/** A function whose argument at `partitionArg` names its partition (`*` for all where `wildcard`). */
function onPartitions(fn: string, partitionArg: number, wildcard: boolean, body: Body): FunctionImpl {
  return {
    call(ctx, args) {
      const drouting = droutingFor(ctx, fn);
      const partitions = drouting === null ? null : partitionsFor(ctx, drouting, args[partitionArg], fn, wildcard);
      return drouting === null || partitions === null ? -1 : body(ctx, args, drouting, partitions);
    },
  };
}

/** A function working on one partition (no wildcard). */
function onPartition(fn: string, partitionArg: number, body: (ctx: Ctx, args: readonly Arg[], drouting: Drouting, partition: Partition) => number): FunctionImpl {
  return onPartitions(fn, partitionArg, false, (ctx, args, drouting, [partition]) => (partition === undefined ? -1 : body(ctx, args, drouting, partition)));
}

/** An integer argument; `fallback` when the slot is empty; null (logged) when it is not an integer. */
function intParam(ctx: Ctx, arg: Arg, fn: string, what: string, fallback: number): number | null {
  const n = arg === undefined ? fallback : intArg(arg);
  if (n === null) ctx.log(L_ERR, `ERROR:drouting:${fn}: bad ${what} argument`);
  return n;
}

function outputs(rule: Arg, gateway: Arg, carrier: Arg): AttrOutputs {
  return { rule: pvArg(rule), gateway: pvArg(gateway), carrier: pvArg(carrier) };
}

const doRoutingFn = onPartitions("do_routing", 6, true, (ctx, [groupArg, flagsArg, listArg, ruleOut, gwOut, carrierOut], drouting, partitions) => {
  const group = intParam(ctx, groupArg, "do_routing", "group", -1);
  if (group === null) return -1;
  const request = { group, flags: routingFlags(ctx, textArg(flagsArg) ?? ""), whitelist: textArg(listArg), outputs: outputs(ruleOut, gwOut, carrierOut) };
  let code = -1;
  for (const partition of partitions) {
    code = doRouting(ctx, drouting, partition, request);
    if (code > 0) {
      notePartition(ctx, drouting, partitions, partition);
      break;
    }
  }
  return code;
});

const useNextGw = onPartition("use_next_gw", 3, (ctx, [ruleOut, gwOut, carrierOut], drouting, partition) =>
  useNextGateway(ctx, drouting, partition, outputs(ruleOut, gwOut, carrierOut)),
);

const routeToCarrier = onPartition("route_to_carrier", 3, (ctx, [idsArg, gwOut, carrierOut], _drouting, partition) =>
  routeToCarriers(ctx, partition, textArg(idsArg) ?? "", outputs(undefined, gwOut, carrierOut)),
);

const routeToGw = onPartition("route_to_gw", 3, (ctx, [idsArg, gwOut, carrierOut], _drouting, partition) =>
  routeToGateways(ctx, partition, textArg(idsArg) ?? "", outputs(undefined, gwOut, carrierOut)),
);

/** is_from_gw / goes_to_gw / dr_is_gw from the argument after the address on: type, flags, outputs, partition. */
function gatewayCheck(fn: string, first: number, addressOf: (ctx: Ctx, args: readonly Arg[]) => GatewayAddress | null): FunctionImpl {
  return onPartitions(fn, first + 4, true, (ctx, args, drouting, partitions) => {
    const [typeArg, flagsArg, gwOut, carrierOut] = args.slice(first);
    const type = intParam(ctx, typeArg, fn, "type", -1);
    const address = type === null ? null : addressOf(ctx, args);
    if (type === null || address === null) return -1;
    const query = { address, type, flags: gatewayFlags(ctx, textArg(flagsArg) ?? ""), outputs: outputs(undefined, gwOut, carrierOut) };
    return isGateway(ctx, drouting, partitions, query);
  });
}

const isFromGw = gatewayCheck("is_from_gw", 0, (ctx) => {
  const ip = parseIp(ctx.source.ip);
  return ip === null ? null : { ip, port: ctx.source.port, proto: ctx.source.proto.toLowerCase() };
});

const goesToGw = gatewayCheck("goes_to_gw", 0, (ctx) => addressOfUri(ctx, ctx.state.dstUri ?? ctx.msg.ruri, "goes_to_gw"));

const drIsGw = gatewayCheck("dr_is_gw", 1, (ctx, [uriArg]) => addressOfUri(ctx, textArg(uriArg), "dr_is_gw"));

const drDisable = onPartition("dr_disable", 0, (ctx, _args, _drouting, partition) => disableGateway(ctx, partition));

const drMatch = onPartition("dr_match", 4, (ctx, [groupArg, flagsArg, numberArg, ruleOut], _drouting, partition) => {
  const group = intParam(ctx, groupArg, "dr_match", "group", -1);
  const number = textArg(numberArg);
  if (group === null || number === null) return -1;
  return matchNumber(ctx, partition, group, routingFlags(ctx, textArg(flagsArg) ?? ""), number, outputs(ruleOut, undefined, undefined));
});

export const drouting: ModuleImpl = {
  name: "drouting",
  functions: new Map([
    ["do_routing", doRoutingFn],
    ["use_next_gw", useNextGw],
    ["route_to_carrier", routeToCarrier],
    ["route_to_gw", routeToGw],
    ["is_from_gw", isFromGw],
    ["goes_to_gw", goesToGw],
    ["dr_is_gw", drIsGw],
    ["dr_disable", drDisable],
    ["dr_match", drMatch],
  ]),
};
