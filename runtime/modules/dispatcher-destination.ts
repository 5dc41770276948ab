/**
 * Where a picked destination goes (`ds_update_dst`): ds_select_dst / ds_next_dst set `$du`;
 * ds_select_domain / ds_next_domain rewrite the R-URI's host and port with the destination's
 * `host[:port][;params]`, as core's rewrite_ruri(RW_RURI_HOSTPORT) does — the R-URI keeps its
 * scheme, user, password and headers, its port is replaced, its own parameters (but `maddr`)
 * follow the destination's.
 */
import type { Ctx } from "../ctx.ts";
import { parseUri } from "../sip/uri.ts";

export type DestinationMode = "dst" | "domain";

/** Sends the request to `uri`; false when the R-URI cannot take it. */
export function useDestination(ctx: Ctx, uri: string, mode: DestinationMode): boolean {
  if (mode === "dst") {
    ctx.state.dstUri = uri;
    return true;
  }
  const dst = parseUri(uri);
  if (dst === null || dst.host === "") return false;
  return ctx.msg.updateRuri((current) => ({
    ...current,
    host: dst.host,
    port: dst.port,
    params: [...dst.params, ...current.params.filter((p) => p.name.toLowerCase() !== "maddr")],
  }));
}
