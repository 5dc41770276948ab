/**
 * The routing data of one drouting partition, as loaded from its dr_gateways, dr_carriers and
 * dr_rules tables (drouting-load.ts): gateways and carriers by id, and the rules indexed by
 * prefix and group (drouting-rules.ts).
 */
import type { TimeRecExpr } from "./drouting-timerec-expr.ts";

export const SORT_NONE = "N";
export const SORT_WEIGHT = "W";
export const SORT_QUALITY = "Q";
export type SortAlgorithm = typeof SORT_NONE | typeof SORT_WEIGHT | typeof SORT_QUALITY;

/** dr_carriers.flags 0x1: use only the first usable gateway. (0x2, "disabled", is overridden by the state column.) */
export const CARRIER_FIRST_ONLY = 1;

/** Where a gateway's address points when it is an IP (hostnames are not resolved offline). */
export interface GatewayAddress {
  readonly ip: Uint8Array;
  readonly port: number;
  /** Lower-case transport: udp, tcp, tls, … */
  readonly proto: string;
}

export interface Gateway {
  readonly id: string;
  readonly type: number;
  /** The address as the R-URI gets it: the dr_gateways.address after `sip:`/`sips:` and any `user@`. */
  readonly hostPart: string;
  readonly address: GatewayAddress | null;
  readonly strip: number;
  readonly priPrefix: string | null;
  readonly attrs: string | null;
  readonly socket: string | null;
  /** Disabled (state 1 or 2, dr_disable): not used for routing. */
  disabled: boolean;
}

/** An entry of a gateway list: a gateway or (in rules) a carrier, with its weight. */
export type Destination =
  | { readonly kind: "gateway"; readonly gateway: Gateway; readonly weight: number }
  | { readonly kind: "carrier"; readonly carrier: Carrier; readonly weight: number };

export interface Carrier {
  readonly id: string;
  readonly flags: number;
  readonly sort: SortAlgorithm;
  /** Gateways only. */
  readonly gateways: readonly (Destination & { kind: "gateway" })[];
  readonly attrs: string | null;
  /** dr_carriers.state is not 0. */
  readonly disabled: boolean;
}

export interface Rule {
  readonly id: number;
  readonly priority: number;
  readonly time: TimeRecExpr | null;
  /** The request route to run when the rule matches; null for none. */
  readonly routeId: string | null;
  readonly destinations: readonly Destination[];
  readonly sort: SortAlgorithm;
  readonly attrs: string | null;
}

/** Rules of one prefix (or of no prefix), per group, highest priority first. */
export type GroupRules = Map<number, Rule[]>;

export interface RuleIndex {
  readonly byPrefix: Map<string, GroupRules>;
  /** Every proper prefix of an indexed prefix: where the prefix tree has deeper nodes. */
  readonly inner: Set<string>;
  readonly noPrefix: GroupRules;
  /** The characters a prefix may hold: digits and `extra_prefix_chars`. */
  readonly prefixChars: string;
}

export interface RoutingData {
  /** By id, in id order (OpenSIPS keeps them in an AVL map). */
  readonly gateways: ReadonlyMap<string, Gateway>;
  readonly carriers: ReadonlyMap<string, Carrier>;
  readonly rules: RuleIndex;
}

/** The first carrier (in id order) whose list holds the gateway. */
export function carrierOf(data: RoutingData, gateway: Gateway): Carrier | null {
  for (const carrier of data.carriers.values()) if (carrier.gateways.some((d) => d.gateway === gateway)) return carrier;
  return null;
}
