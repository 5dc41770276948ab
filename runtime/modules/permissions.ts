/**
 * permissions, address part (OpenSIPS 3.6): check_address, check_source_address and
 * get_source_group against the address table of a partition (permissions-partitions.ts), matched
 * as permissions-address.ts describes. The file-based allow_routing / allow_register / allow_uri
 * are not implemented.
 */
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { parseIp } from "../transformations/ip-address.ts";
import { groupOf, matchAddress, protocolOf, type AddressQuery, type AddressTable } from "./permissions-address.ts";
import { partitionTable } from "./permissions-partitions.ts";

function fail(ctx: Ctx, name: string, problem: string): number {
  ctx.log(L_ERR, `ERROR:permissions:${name}: ${problem}`);
  return -1;
}

/** The partition's table, or null after logging why it is unusable. */
function tableFor(ctx: Ctx, name: string, partition: Arg): AddressTable | null {
  const table = partitionTable(ctx, textArg(partition));
  if ("error" in table) {
    fail(ctx, name, table.error);
    return null;
  }
  return table;
}

/** Searches the table; on a match, context_info goes to `info`. */
function check(ctx: Ctx, table: AddressTable, query: AddressQuery, info: Pv | null): number {
  const match = matchAddress(table, query);
  if (match.code > 0) info?.assign(ctx, "=", match.info);
  return match.code;
}

function checkAddress(ctx: Ctx, [group, ip, port, proto, info, pattern, partition]: readonly Arg[]): number {
  const name = "check_address";
  const groupId = intArg(group);
  const portNumber = intArg(port);
  const ipText = textArg(ip) ?? "";
  const address = parseIp(ipText);
  const protocol = protocolOf(textArg(proto) ?? "");
  if (groupId === null || portNumber === null) return fail(ctx, name, "group and port must be integers");
  if (address === null) return fail(ctx, name, `invalid ip address <${ipText}>`);
  if (protocol === null) return fail(ctx, name, `unknown protocol <${textArg(proto)}>`);
  const table = tableFor(ctx, name, partition);
  if (table === null) return -1;
  return check(ctx, table, { group: groupId, ip: address, port: portNumber, proto: protocol, pattern: textArg(pattern) }, pvArg(info));
}

/** The message's source address and the partition's table; null after logging why either is unusable. */
function sourceAndTable(ctx: Ctx, name: string, partition: Arg): { address: Uint8Array; table: AddressTable } | null {
  const address = parseIp(ctx.source.ip);
  if (address === null) {
    fail(ctx, name, `invalid source address <${ctx.source.ip}>`);
    return null;
  }
  const table = tableFor(ctx, name, partition);
  return table === null ? null : { address, table };
}

function checkSourceAddress(ctx: Ctx, [group, info, pattern, partition]: readonly Arg[]): number {
  const name = "check_source_address";
  const groupId = intArg(group);
  if (groupId === null) return fail(ctx, name, "the group must be an integer");
  const found = sourceAndTable(ctx, name, partition);
  if (found === null) return -1;
  const { port, proto } = ctx.source;
  return check(ctx, found.table, { group: groupId, ip: found.address, port, proto: protocolOf(proto) ?? "any", pattern: textArg(pattern) }, pvArg(info));
}

function getSourceGroup(ctx: Ctx, [output, partition]: readonly Arg[]): number {
  const name = "get_source_group";
  const pv = pvArg(output);
  if (pv === null) return fail(ctx, name, "no output variable");
  const found = sourceAndTable(ctx, name, partition);
  const group = found === null ? null : groupOf(found.table, found.address, ctx.source.port);
  if (group === null) return -1;
  pv.assign(ctx, "=", group);
  return 1;
}

export const permissions: ModuleImpl = {
  name: "permissions",
  functions: new Map([
    ["check_address", { call: checkAddress }],
    ["check_source_address", { call: checkSourceAddress }],
    ["get_source_group", { call: getSourceGroup }],
  ]),
};
