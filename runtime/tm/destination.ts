/**
 * Whether a next hop can be sent to: a SIP URI with a host, or `[proto:]host[:port]` (the
 * outbound proxy of t_relay, as OpenSIPS's fixup_phostport2proxy reads it).
 */
import { parseHostPort } from "../sip/host-port.ts";
import { parseUri } from "../sip/uri.ts";

const SOCKET_PROTO = /^(udp|tcp|tls|sctp|ws|wss):/i;

export function isSendableDestination(dst: string): boolean {
  if (/^(sips?|tels?):/i.test(dst)) {
    const uri = parseUri(dst);
    return uri !== null && uri.host !== "";
  }
  return parseHostPort(dst.replace(SOCKET_PROTO, "")) !== null;
}
