/**
 * Putting selected gateways to use (drouting.c `push_gw_for_usage` / `build_ruri`): the first
 * one rewrites the R-URI, the next ones wait in `ruri_avp` for use_next_gw. A gateway's R-URI is
 * `sip:` + its pri_prefix + the original user without its first `strip` characters (+ password)
 * `@` the gateway's address from the host on, then the original URI's parameters and headers.
 * `$du` is left alone.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { formatParams } from "../sip/params.ts";
import { uriHeadersText, type SipUri } from "../sip/uri.ts";
import type { Carrier, Gateway } from "./drouting-data.ts";
import type { DrAvps } from "./drouting-partitions.ts";

/** Where a call writes the attributes of the rule, gateway and carrier it used; null for none. */
export interface AttrOutputs {
  readonly rule: Pv | null;
  readonly gateway: Pv | null;
  readonly carrier: Pv | null;
}

/** The R-URI of `uri` sent to `gateway`. */
export function gatewayRuri(uri: SipUri, gateway: Gateway): string {
  const user = (gateway.priPrefix ?? "") + (uri.user ?? "").slice(gateway.strip);
  const userinfo = uri.password !== null && uri.password !== "" ? `${user}:${uri.password}@` : user !== "" ? `${user}@` : "";
  const headers = uri.headers.length > 0 ? `?${uriHeadersText(uri)}` : "";
  return `sip:${userinfo}${gateway.hostPart}${formatParams(uri.params)}${headers}`;
}

/** The gateways selected by one call, in the order they are to be tried. */
export class GatewaySelection {
  count = 0;
  private firstGateway: Gateway | null = null;
  private firstCarrier: Carrier | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly names: DrAvps,
    /** The R-URI the gateways' R-URIs are built from. */
    private readonly uri: SipUri,
  ) {}

  /** Adds a gateway (of `carrier`, if it came through one); false (logged) when its R-URI is unusable. */
  add(gateway: Gateway, carrier: Carrier | null): boolean {
    const ruri = gatewayRuri(this.uri, gateway);
    const avps = this.ctx.state.avps;
    if (this.count === 0) {
      if (!this.ctx.msg.setRuri(ruri)) {
        this.ctx.log(L_ERR, `ERROR:drouting:push_gw_for_usage: failed to set new RURI <${ruri}>, skipping gw <${gateway.id}>`);
        return false;
      }
      this.firstGateway = gateway;
      this.firstCarrier = carrier;
    } else {
      avps.append(this.names.ruri, ruri);
      avps.append(this.names.gwSock, gateway.socket ?? "");
    }
    avps.append(this.names.gwId, gateway.id);
    avps.append(this.names.gwAttrs, gateway.attrs ?? "");
    if (this.names.gwPriprefix !== null) avps.append(this.names.gwPriprefix, gateway.priPrefix ?? "");
    if (this.names.carrierId !== null) avps.append(this.names.carrierId, carrier?.id ?? "");
    avps.append(this.names.carrierAttrs, carrier?.attrs ?? "");
    this.count++;
    return true;
  }

  /** Writes the first gateway's (and its carrier's) attributes to the outputs. */
  writeAttrs(outputs: AttrOutputs): void {
    outputs.gateway?.assign(this.ctx, "=", this.firstGateway?.attrs ?? "");
    outputs.carrier?.assign(this.ctx, "=", this.firstCarrier?.attrs ?? "");
  }
}
