/**
 * Other core functions: pv_printf, is_myself, force_rport, set_advertised_address/port and
 * stateless forward().
 */
import { createHash } from "node:crypto";
import { intArg, pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { isMyself } from "../myself.ts";

/** pv_printf($pv, "format"): the rendered format assigned to the PV. */
const pvPrintf: FunctionImpl = {
  call(ctx, args) {
    const target = pvArg(args[0]);
    if (target === null) return -1;
    return target.assign(ctx, "=", textArg(args[1]) ?? "");
  },
};

const isMyselfImpl: FunctionImpl = {
  call(ctx, args) {
    const text = textArg(args[0]);
    const port = args[1] === undefined ? undefined : (intArg(args[1]) ?? undefined);
    return text !== null && isMyself(ctx.engine, text, port) ? 1 : -1;
  },
};

function setState(update: (ctx: Ctx, text: string | null) => void): FunctionImpl {
  return {
    call(ctx, args) {
      update(ctx, textArg(args[0]));
      return 1;
    },
  };
}

/** The proxy's own Via for a stateless forward: the branch derives from the request's top Via. */
function ownVia(ctx: Ctx): string {
  const socket = ctx.engine.script.sockets[0];
  const host = ctx.state.advertisedAddress ?? socket?.host ?? "127.0.0.1";
  const port = ctx.state.advertisedPort ?? String(socket?.port ?? 5060);
  const proto = (socket?.proto ?? "udp").toUpperCase();
  const seed = ctx.msg.topViaText ?? ctx.msg.callId ?? "";
  const branch = `z9hG4bK${createHash("md5").update(seed).digest("hex").slice(0, 16)}`;
  return `SIP/2.0/${proto} ${host}:${port};branch=${branch}`;
}

/** forward([dest]): stateless forwarding of the request, with the proxy's Via on top. */
const forward: FunctionImpl = {
  call(ctx, args) {
    if (!ctx.msg.isRequest) {
      ctx.log(L_ERR, "ERROR:core:forward: only requests can be forwarded statelessly by the runtime");
      return -1;
    }
    const dest = textArg(args[0]);
    const copy = ctx.msg.clone();
    copy.addVia(ownVia(ctx));
    ctx.relay(copy, dest === null || dest === "" ? undefined : dest);
    return 1;
  },
};

export const MISC_FUNCTIONS: [string, FunctionImpl][] = [
  ["pv_printf", pvPrintf],
  ["is_myself", isMyselfImpl],
  ["force_rport", setState((ctx) => (ctx.state.forceRport = true))],
  ["set_advertised_address", setState((ctx, text) => (ctx.state.advertisedAddress = text))],
  ["set_advertised_port", setState((ctx, text) => (ctx.state.advertisedPort = text))],
  ["forward", forward],
];
