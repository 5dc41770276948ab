/**
 * Core transport functions (the forced socket lives in MessageState.sendSocket):
 * - force_send_socket(socket): the message goes out from `socket` (`[proto:]host[:port]`), one of
 *   the script's socket=/listen= lines: the Via tm adds for its branches (and for a stateless ACK)
 *   carries that socket's protocol and address; branches appended afterwards inherit it. A socket
 *   the script does not listen on is an error (OpenSIPS refuses to start with such a literal).
 * - force_tcp_alias([port]): for a message received over TCP, OpenSIPS makes its connection
 *   reachable as source-IP:port (the port given, else the top Via's) so requests towards that
 *   address reuse it. The runtime keeps no TCP connections (it serves UDP only), so there is
 *   nothing to alias: it returns 1, as OpenSIPS does for a UDP message and for a successful alias.
 */
import { intArg, textArg } from "../args.ts";
import { findListeningSocket } from "../dset.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_DBG, L_ERR } from "../log-level.ts";

const SIP_PORT = 5060;
const SIPS_PORT = 5061;

/** Protocols whose messages arrive on a connection (is_tcp_based_proto). */
const CONNECTION_PROTOCOLS: ReadonlySet<string> = new Set(["tcp", "tls", "ws", "wss"]);

const forceSendSocket: FunctionImpl = {
  call(ctx, [socketArg]) {
    const text = textArg(socketArg) ?? "";
    const socket = findListeningSocket(ctx.engine.script, text);
    if (socket === null) {
      ctx.log(L_ERR, `ERROR:core:fixup_f_send_sock: bad force_send_socket argument: ${text} (opensips doesn't listen on it)`);
      return -1;
    }
    ctx.state.sendSocket = socket.text;
    return 1;
  },
};

const forceTcpAlias: FunctionImpl = {
  call(ctx, [portArg]) {
    const source = ctx.state.source;
    const proto = source.proto.toLowerCase();
    if (!CONNECTION_PROTOCOLS.has(proto)) return 1;
    const port = intArg(portArg) || ctx.msg.topVia?.port || (proto === "tls" ? SIPS_PORT : SIP_PORT);
    ctx.log(L_DBG, `DBG:core:w_force_tcp_alias: no ${proto} connection from ${source.ip}:${source.port} to alias as port ${port}: the runtime keeps no connections`);
    return 1;
  },
};

export const SOCKET_FUNCTIONS: [string, FunctionImpl][] = [
  ["force_send_socket", forceSendSocket],
  ["force_tcp_alias", forceTcpAlias],
];
