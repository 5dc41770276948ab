/**
 * The letter flags of drouting's functions. do_routing / dr_match (`fix_flags`): F rule fallback,
 * L strict length (the whole number must be the prefix), C only check (no gateway is used);
 * other letters — such as the W of 2.x, now a dr_rules.sort_alg value — are ignored. The gateway
 * checks (`fix_gw_flags`): s strip and p prefix the R-URI user as the gateway says, i push its id
 * to `gw_id_avp`, n ignore the port, r also compare the transport, c push its carrier's id to
 * `carrier_id_avp`; other letters are ignored with a warning.
 */
import type { Ctx } from "../ctx.ts";
import { L_DBG, L_WARN } from "../log-level.ts";

export const DR_RULE_FALLBACK = 1 << 1;
export const DR_STRICT_LENGTH = 1 << 2;
export const DR_ONLY_CHECK = 1 << 3;
/** do_routing run again by use_next_gw for a rule fallback. */
export const DR_INTERNAL = 1 << 30;

export const GW_STRIP = 1 << 0;
export const GW_PREFIX = 1 << 1;
export const GW_ID = 1 << 3;
export const GW_IGNORE_PORT = 1 << 4;
export const GW_CARRIER_ID = 1 << 5;
export const GW_PROTOCOL = 1 << 6;

const ROUTING_LETTERS: Readonly<Record<string, number>> = { F: DR_RULE_FALLBACK, L: DR_STRICT_LENGTH, C: DR_ONLY_CHECK };
const GATEWAY_LETTERS: Readonly<Record<string, number>> = { s: GW_STRIP, p: GW_PREFIX, i: GW_ID, n: GW_IGNORE_PORT, c: GW_CARRIER_ID, r: GW_PROTOCOL };

function parse(text: string, letters: Readonly<Record<string, number>>, unknown: (letter: string) => void): number {
  let flags = 0;
  for (const letter of text) {
    const flag = letters[letter];
    if (flag === undefined) unknown(letter);
    else flags |= flag;
  }
  return flags;
}

export function routingFlags(ctx: Ctx, text: string): number {
  return parse(text, ROUTING_LETTERS, (letter) => ctx.log(L_DBG, `DBG:drouting:fix_flags: unknown flag : [${letter}] . Skipping`));
}

export function gatewayFlags(ctx: Ctx, text: string): number {
  return parse(text, GATEWAY_LETTERS, (letter) => ctx.log(L_WARN, `WARNING:drouting:fix_gw_flags: unsupported flag ${letter}`));
}
