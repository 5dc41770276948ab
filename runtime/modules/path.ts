/**
 * path (OpenSIPS 3.6): add_path([user]) and add_path_received([user]) put this proxy's URI in a
 * Path header (RFC 3327) of a REGISTER — in front of the first Path it already has, else after
 * the last header — as a pending change sent with the request:
 * `Path: <sip:[user@]host[:port][;transport=proto];lr>`, the port left out when it is 5060 and
 * not advertised (as OpenSIPS's SUBST_SND_ALL lump). add_path_received also records where the
 * request came from: `;received=sip:ip:port` (`%3btransport%3dtcp` escaped for non-UDP).
 * With `enable_double_path` (default 1) and a send socket (force_send_socket) other than the
 * receiving one, two Paths are added, the sending address first, both with `;r2=on` and the
 * received parameter in the second one. The sockets are compared when the function runs, not
 * when the request leaves. With `use_received`, loose_route sends to the received address
 * (path-received.ts). Returns 1.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, ModuleImpl } from "../functions.ts";
import { sentBy } from "../tm/local-via.ts";
import { intModParam } from "./modparams.ts";
import { registerPathReceived } from "./path-received.ts";

const MODULE = "path";
const SIP_PORT = "5060";

/** `host[:port][;transport=proto]` of a socket (null: the receiving one, the script's first). */
function ownAddress(ctx: Ctx, socket: string | null): string {
  const { proto, host, port } = sentBy(ctx.engine, ctx.state, socket);
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const withPort = port !== SIP_PORT || ctx.state.advertisedPort !== null ? `${bracketed}:${port}` : bracketed;
  return proto.toLowerCase() === "udp" ? withPort : `${withPort};transport=${proto.toLowerCase()}`;
}

function receivedParam(ctx: Ctx): string {
  const { proto, ip, port } = ctx.source;
  const host = ip.includes(":") ? `[${ip}]` : ip;
  const transport = proto.toLowerCase() === "udp" ? "" : `%3btransport%3d${proto.toLowerCase()}`;
  return `;received=sip:${host}:${port}${transport}`;
}

/** Whether the request leaves by another socket than the one it came in on (OpenSIPS's COND_IF_DIFF_REALMS). */
function differentRealms(ctx: Ctx): boolean {
  const sockets = ctx.engine.script.sockets;
  const sending = sockets.find((s) => s.text === ctx.state.sendSocket) ?? sockets[0];
  return sending !== sockets[0];
}

function pathHeader(user: string, address: string, params: string): string {
  return `Path: <sip:${user === "" ? "" : `${user}@`}${address}${params}>\r\n`;
}

function addPath(ctx: Ctx, userArg: Arg, withReceived: boolean): number {
  const user = textArg(userArg) ?? "";
  const received = withReceived ? receivedParam(ctx) : "";
  const sending = ownAddress(ctx, ctx.state.sendSocket);
  const double = intModParam(ctx.engine.script, MODULE, "enable_double_path", 1) !== 0 && differentRealms(ctx);
  const text = double
    ? pathHeader(user, sending, ";r2=on;lr") + pathHeader(user, ownAddress(ctx, null), `;r2=on;lr${received}`)
    : pathHeader(user, sending, `;lr${received}`);
  if (!ctx.msg.insertHeaderBefore(text, "path")) ctx.msg.appendHeader(text);
  return 1;
}

export const path: ModuleImpl = {
  name: MODULE,
  functions: new Map([
    ["add_path", { call: (ctx, [user]) => addPath(ctx, user, false) }],
    ["add_path_received", { call: (ctx, [user]) => addPath(ctx, user, true) }],
  ]),
  init(engine) {
    if (intModParam(engine.script, MODULE, "use_received", 0) !== 0) registerPathReceived(engine);
  },
};
