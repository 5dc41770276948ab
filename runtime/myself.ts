/**
 * "Is this me?" (`is_myself()`, `uri == myself`): the host and port of a URI, or a bare
 * `host[:port]`, against the script's sockets and `alias` globals. A missing port is 5060
 * (5061 for sips), as OpenSIPS's check_self does.
 */
import type { EngineCore } from "./engine-core.ts";
import { parseHostPort } from "./sip/host-port.ts";
import { parseUri } from "./sip/uri.ts";

interface Address {
  readonly host: string;
  readonly port: number | null;
}

function addressOf(text: string): Address | null {
  const uri = /^[a-z]+:/i.test(text) ? parseUri(text) : null;
  if (uri !== null) return { host: uri.host, port: uri.port ?? (uri.scheme === "sips" ? 5061 : 5060) };
  const hostPort = parseHostPort(text);
  return hostPort === null ? null : { host: hostPort.host, port: hostPort.port ?? 5060 };
}

/** `proto:host:port`, `host:port` or `host` of a socket or alias definition; null port: any. */
function ownAddress(text: string): Address | null {
  return parseHostPort(text.replace(/^[a-z_]+:(?=[^0-9])/i, ""));
}

function sameHost(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || a.replace(/^\[|\]$/g, "") === b.replace(/^\[|\]$/g, "");
}

export function isMyself(engine: EngineCore, text: string, port?: number): boolean {
  const address = addressOf(text);
  if (address === null) return false;
  const wanted = port ?? address.port;
  const own: Address[] = engine.script.sockets.map((s) => ({ host: s.host, port: s.port ?? 5060 }));
  for (const g of engine.script.globals) {
    if (g.name !== "alias" || typeof g.value !== "string") continue;
    for (const def of g.value.split(/\s+/)) {
      const alias = ownAddress(def);
      if (alias !== null) own.push(alias);
    }
  }
  return own.some((o) => sameHost(o.host, address.host) && (o.port === null || wanted === null || o.port === wanted));
}
