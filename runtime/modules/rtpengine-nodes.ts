/**
 * rtpengine nodes and sets, as `rtpengine_sock` (or the rtpengine table) defines them:
 * `[<set id> ==] <url>[=<weight>] <url>[=<weight>]…`, a url being `udp:host[:port]`,
 * `udp6:[addr][:port]` or a UNIX socket (`unix:/path`, or no scheme); the port defaults to 22222
 * and a definition without an id belongs to set 0. Several definitions of one id add to it.
 * A node is picked within its set by the weighted Call-ID hash of OpenSIPS's select_rtpe_node().
 */

import { Buffer } from "node:buffer";

const DEFAULT_PORT = 22222;

export type NodeAddress =
  | { readonly kind: "udp"; readonly family: 4 | 6; readonly host: string; readonly port: number }
  | { readonly kind: "unix"; readonly path: string }
  | { readonly kind: "invalid"; readonly error: string };

export interface RtpeNode {
  /** As written (`udp:127.0.0.1:2223`): what sock_var receives and matches. */
  readonly url: string;
  readonly weight: number;
  readonly address: NodeAddress;
  /** Not answering: skipped until `recheckAt` (ms), when it is pinged again. */
  disabled: boolean;
  recheckAt: number;
  /** Pinged once before its first use, as OpenSIPS pings every node when it starts. */
  tested: boolean;
}

export interface RtpeSet {
  readonly id: number;
  readonly nodes: RtpeNode[];
}

function udpAddress(family: 4 | 6, text: string): NodeAddress {
  const colon = text.lastIndexOf(":");
  let host = text;
  let port = String(DEFAULT_PORT);
  if (colon >= 0 && (family === 4 || text[colon - 1] === "]")) {
    host = text.slice(0, colon);
    port = text.slice(colon + 1) || port;
  }
  if (family === 6) host = host.replace(/^\[(.*)\]$/, "$1");
  const n = Number(port);
  if (!/^[0-9]+$/.test(port) || n > 65535) return { kind: "invalid", error: `bad port "${port}" in ${text}` };
  return { kind: "udp", family, host, port: n };
}

function nodeAddress(url: string): NodeAddress {
  const lower = url.toLowerCase();
  if (lower.startsWith("udp:")) return udpAddress(4, url.slice(4));
  if (lower.startsWith("udp6:")) return udpAddress(6, url.slice(5));
  return { kind: "unix", path: lower.startsWith("unix:") ? url.slice(5) : url };
}

function parseNode(word: string): RtpeNode {
  const eq = word.indexOf("=");
  const url = eq < 0 ? word : word.slice(0, eq);
  const weight = eq < 0 ? 1 : Number(/^[0-9]*/.exec(word.slice(eq + 1))![0] || 0);
  return { url, weight, address: nodeAddress(url), disabled: false, recheckAt: 0, tested: false };
}

function setOf(sets: RtpeSet[], id: number): RtpeSet {
  let set = sets.find((s) => s.id === id);
  if (set === undefined) {
    set = { id, nodes: [] };
    sets.push(set);
  }
  return set;
}

/**
 * Adds the nodes of one definition to `sets`; `setId` is the database row's set (null: read the
 * `id ==` prefix, else set 0). Returns OpenSIPS's error for a malformed definition, else null.
 */
export function addDefinition(sets: RtpeSet[], text: string, setId: number | null = null): string | null {
  let list = text.trim();
  if (list === "") return null;
  let id = setId ?? 0;
  const separator = setId === null ? list.indexOf("==") : -1;
  if (separator >= 0) {
    const idText = list.slice(0, separator).trim();
    list = list.slice(separator + 2);
    if (list === "") return "script error -invalid rtp proxy list!";
    if (!/^[0-9]+$/.test(idText)) return "script error -invalid set_id value!";
    id = Number(idText);
  }
  const words = list.trim().split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return "script error -empty rtp_proxy list";
  setOf(sets, id).nodes.push(...words.map(parseNode));
  return null;
}

function usable(node: RtpeNode, ignored: ReadonlySet<RtpeNode>): boolean {
  return !node.disabled && !ignored.has(node);
}

/** The Call-ID's bytes summed modulo 256: OpenSIPS's "quick-and-dirty" hash. */
function callIdHash(callId: string): number {
  let sum = 0;
  for (const byte of Buffer.from(callId, "utf8")) sum += byte;
  return sum & 0xff;
}

/** The node of `set` for a call, skipping disabled and `ignored` nodes; null when none is usable. */
export function selectNode(set: RtpeSet, callId: string, ignored: ReadonlySet<RtpeNode>): RtpeNode | null {
  const nodes = set.nodes;
  if (nodes.length === 1) return usable(nodes[0]!, ignored) ? nodes[0]! : null;
  const totalWeight = nodes.reduce((sum, n) => sum + n.weight, 0);
  const usableWeight = nodes.reduce((sum, n) => sum + (usable(n, ignored) ? n.weight : 0), 0);
  if (!nodes.some((n) => usable(n, ignored))) return null;
  const sum = callIdHash(callId);
  let cut = usableWeight > 0 ? sum % totalWeight : -1;
  let redistributed = false;
  for (let i = 0; i < nodes.length; ) {
    const node = nodes[i]!;
    if (cut < node.weight) {
      if (usable(node, ignored)) return node;
      if (!redistributed) {
        // The hashed node is out: spread over the usable ones instead.
        cut = usableWeight > 0 ? sum % usableWeight : -1;
        redistributed = true;
        i = 0;
        continue;
      }
    }
    if (!node.disabled || !redistributed) cut -= node.weight;
    i++;
  }
  return null;
}
