/**
 * The `rtpproxy_sock` module parameter, as OpenSIPS's rtpproxy_add_rtpproxy_set() and
 * add_rtpproxy_socks() read it: `[<set_id> ==] <url>[|<advertised address>][=<weight>] ...`.
 * A URL is `udp:host[:port]`, `udp6:`, `tcp:`, `tcp6:` or `unix:path` (a bare path is a unix
 * socket); the port defaults to 22222. Without `==` the nodes join the default set.
 */
import type { ControlMode } from "./rtpproxy-blocking.ts";

export interface NodeSpec {
  /** The URL as written (what `sock_var` receives and `rtpproxy_show` lists). */
  readonly url: string;
  readonly mode: ControlMode;
  /** The host, or the socket path for unix. */
  readonly host: string;
  readonly port: number;
  /** The address to write into the SDP instead of the one rtpproxy answers; null when not given. */
  readonly advertised: string | null;
  readonly weight: number;
}

export interface SetSpec {
  readonly id: number;
  readonly nodes: readonly NodeSpec[];
}

const DEFAULT_CONTROL_PORT = 22222;

const PREFIXES: readonly [string, ControlMode][] = [
  ["udp6:", "udp6"],
  ["udp:", "udp"],
  ["tcp6:", "tcp6"],
  ["tcp:", "tcp"],
  ["unix:", "unix"],
];

/** strtoul: the leading decimal digits, 0 when there are none. */
function leadingNumber(text: string): number {
  const digits = /^\s*\+?([0-9]+)/.exec(text);
  return digits === null ? 0 : Number(digits[1]);
}

/** Host and port of `host[:port]` split at the last colon (`::1:7890` is host `::1`). */
function hostAndPort(address: string): { host: string; port: number } | string {
  const colon = address.lastIndexOf(":");
  const host = (colon < 0 ? address : address.slice(0, colon)).replace(/^\[(.*)\]$/, "$1");
  const portText = colon < 0 ? "" : address.slice(colon + 1);
  if (portText === "") return { host, port: DEFAULT_CONTROL_PORT };
  if (!/^[0-9]+$/.test(portText) || Number(portText) > 65535) return `invalid port in rtpproxy socket <${address}>`;
  return { host, port: Number(portText) };
}

function parseNode(token: string): NodeSpec | string {
  const equals = token.indexOf("=");
  const weight = equals < 0 ? 1 : leadingNumber(token.slice(equals + 1));
  const beforeWeight = equals < 0 ? token : token.slice(0, equals);
  const bar = beforeWeight.lastIndexOf("|");
  const url = (bar < 0 ? beforeWeight : beforeWeight.slice(0, bar)).trim();
  const advertised = bar < 0 ? null : beforeWeight.slice(bar + 1).trim() || null;
  const prefix = PREFIXES.find(([p]) => url.toLowerCase().startsWith(p));
  const mode = prefix?.[1] ?? "unix";
  const address = prefix === undefined ? url : url.slice(prefix[0].length);
  if (mode === "unix") return { url, mode, host: address, port: 0, advertised, weight };
  const where = hostAndPort(address);
  return typeof where === "string" ? where : { url, mode, ...where, advertised, weight };
}

/** One `rtpproxy_sock` value: its set id (`defaultSet` without `==`) and nodes, or why it is invalid. */
export function parseSocketSet(definition: string, defaultSet: number): SetSpec | string | null {
  const text = definition.trim();
  if (text === "") return null;
  const separator = text.indexOf("==");
  let id = defaultSet;
  let list = text;
  if (separator >= 0) {
    const idText = text.slice(0, separator).trim();
    list = text.slice(separator + 2);
    if (!/^[0-9]+$/.test(idText)) return "script error -invalid set_id value!";
    id = Number(idText);
  }
  const tokens = list.trim().split(/\s+/).filter((t) => t !== "");
  if (tokens.length === 0) return "script error -empty rtp_proxy list";
  const nodes: NodeSpec[] = [];
  for (const token of tokens) {
    const node = parseNode(token);
    if (typeof node === "string") return node;
    nodes.push(node);
  }
  return { id, nodes };
}

/** Every definition merged by set id (a repeated id adds nodes to its set), in first-seen order. */
export function mergeSets(sets: readonly SetSpec[]): SetSpec[] {
  const merged = new Map<number, NodeSpec[]>();
  for (const set of sets) merged.set(set.id, [...(merged.get(set.id) ?? []), ...set.nodes]);
  return [...merged].map(([id, nodes]) => ({ id, nodes }));
}
