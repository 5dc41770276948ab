/**
 * Putting original From/To URIs back:
 * - in replies from downstream (replace.c restore_uris_reply, a TMCB_RESPONSE_IN callback): for
 *   each header uac replaced in the transaction's request, the reply's display name and URI become
 *   those of the request as received; its parameters (the To-tag) stay. The reply's routes still
 *   read it as received; what is relayed upstream carries the restored header;
 * - uac_restore_from() / uac_restore_to() in a sequential request (restore_uri): the URI encoded
 *   in our Route entry's parameter (found by loose_route) is put back into From or To, by direction.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { paramValue, parseParams } from "../sip/params.ts";
import { topBranch } from "../tm/keys.ts";
import { tmEngine } from "../tm/state.ts";
import { rrStateOf } from "./rr-state.ts";
import { addressParts, formatAddress, nameAddrPart } from "./uac-header.ts";
import { replacedHeaders, rewriteAddressField, type AddressHeader } from "./uac-replace.ts";
import { decodeUriPair } from "./uac-rr-param.ts";
import { uacSettings } from "./uac-settings.ts";

/** A reply listener; it runs before tm's, so the relayed reply carries the change. */
export function restoreReplyAddresses(ctx: Ctx): void {
  const id = topBranch(ctx.msg);
  const ref = id === null ? undefined : tmEngine(ctx.engine).byBranchId.get(id);
  if (ref === undefined) return;
  const request = ref.tx.state.msg;
  for (const header of replacedHeaders(ref.tx.state)) {
    const original = addressParts(request.header(header) ?? "");
    const done = rewriteAddressField(ctx, header, (value) => {
      const parts = addressParts(value);
      return parts === null || original === null ? null : nameAddrPart(original) + parts.rest;
    });
    if (done !== true) ctx.log(L_ERR, `ERROR:uac:restore_uris_reply: failed to restore ${header.toUpperCase()}`);
  }
}

/** Downstream when our Route entry's ftag is the request's From-tag (rr's is_direction). */
function isDownstream(ctx: Ctx, routeParams: string): boolean {
  return paramValue(parseParams(routeParams), "ftag") === ctx.msg.fromTag;
}

/** uac_restore_from (`header` "from") / uac_restore_to ("to"): 1 when a URI was restored. */
export function restoreInRequest(ctx: Ctx, header: AddressHeader): number {
  if (!ctx.msg.isRequest) {
    ctx.log(L_ERR, "ERROR:uac:restore_uri: called for something not request");
    return -1;
  }
  const settings = uacSettings(ctx.engine.script);
  const routeParams = rrStateOf(ctx.state).ownRouteParams;
  const encoded = routeParams === null ? null : paramValue(parseParams(routeParams), header === "from" ? settings.fromParam : settings.toParam);
  if (routeParams === null || encoded === null || encoded === undefined) return -1;
  const downstream = isDownstream(ctx, routeParams);
  const target: AddressHeader = (header === "from" ? !downstream : downstream) ? "to" : "from";
  const done = rewriteAddressField(ctx, target, (value) => {
    const parts = addressParts(value);
    const uri = parts === null ? null : decodeUriPair(encoded, parts.uri, settings.password);
    return parts === null || uri === null ? null : formatAddress({ ...parts, uri });
  });
  if (done === true) return 1;
  ctx.log(L_ERR, `ERROR:uac:restore_uri: ${typeof done === "string" ? done : `the ${target} header was already changed`}`);
  return -1;
}
