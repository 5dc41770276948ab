/**
 * path's `use_received`: when loose_route consumes a Route of ours carrying `;received=` (put
 * there by add_path_received), the request goes to that address — `$du` becomes the unescaped
 * value, `sip:ip:port[;transport=proto]` — overriding the next hop loose_route chose.
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import { L_ERR } from "../log-level.ts";
import { paramValue, parseParams } from "../sip/params.ts";
import { registerRrCallback } from "./rr-callbacks.ts";

function sendToReceived(ctx: Ctx, routeParams: string): void {
  const received = paramValue(parseParams(routeParams), "received");
  if (received === undefined || received === null || received === "") return;
  let destination: string;
  try {
    destination = decodeURIComponent(received);
  } catch {
    ctx.log(L_ERR, `ERROR:path:path_rr_callback: failed to unescape received=${received}`);
    return;
  }
  ctx.state.dstUri = withTransportOnly(destination);
}

/** The only parameter a received address may carry is the transport: `sip:ip:port;x=tcp` is read as `;transport=tcp`. */
function withTransportOnly(address: string): string {
  const semicolon = address.indexOf(";");
  if (semicolon < 0) return address;
  const eq = address.indexOf("=", semicolon);
  const transport = eq < 0 ? "" : address.slice(eq + 1);
  return transport === "" ? address.slice(0, semicolon) : `${address.slice(0, semicolon)};transport=${transport}`;
}

export function registerPathReceived(engine: EngineCore): void {
  registerRrCallback(engine, sendToReceived);
}
