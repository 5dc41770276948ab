/**
 * The `flags` string of the rtpengine_* functions, read as OpenSIPS's parse_flags() reads it:
 * space-separated tokens, each a word or `key=value`. Words OpenSIPS knows become ng keys
 * (`replace-origin` → `replace: [origin]`, `RTP/SAVP` → `transport-protocol`, `in-iface=…` →
 * `direction`, `rtcp-mux-offer` → `rtcp-mux: [offer]`…) or settings of the command (`call-id=`,
 * `from-tag=`, `to-tag`, `via-branch=`, `force-answer`…); any other word goes into the `flags`
 * list and any other `key=value` into the dictionary as is, for rtpengine to interpret.
 * 3.6 has no bracket syntax: a value runs to the next space.
 */
import type { Bencoded } from "./rtpengine-bencode.ts";

/** An ng command, named as the protocol spells it. */
export type RtpeOperation =
  | "offer"
  | "answer"
  | "delete"
  | "start recording"
  | "stop recording"
  | "pause recording"
  | "query"
  | "play media"
  | "stop media"
  | "block media"
  | "unblock media"
  | "block DTMF"
  | "unblock DTMF"
  | "start forwarding"
  | "stop forwarding"
  | "play DTMF";

/** Where the `via-branch` value comes from: a Via of the message, extra_id_pv, or the flag's own value. */
export type ViaSource = { readonly kind: "via"; readonly index: 1 | 2 } | { readonly kind: "auto" } | { readonly kind: "extra" } | { readonly kind: "param"; readonly value: string };

export interface NgFlags {
  /** `force-answer` turns an offer into an answer. */
  op: RtpeOperation;
  /** Dictionary entries in the order the flags gave them. */
  readonly entries: [string, Bencoded][];
  readonly flags: string[];
  /** Null for the commands that carry none (only offer and answer do). */
  readonly direction: string[] | null;
  readonly replace: string[] | null;
  readonly rtcpMux: string[] | null;
  /** Bit 0x100: a transport protocol was asked for; bits 0-2 index TRANSPORTS. */
  transport: number;
  via: ViaSource | null;
  /** Whether a to-tag goes with the command (a delete sends one only when `to-tag` is among the flags). */
  withToTag: boolean;
  callId: string | null;
  fromTag: string | null;
  toTag: string | null;
  receivedFrom: string | null;
  /** `from-tag=` or `directional` given: the from-tag goes as is, whatever the message's direction. */
  directional: boolean;
}

export type ParsedFlags = { readonly ok: true; readonly flags: NgFlags } | { readonly ok: false; readonly error: string };

export const TRANSPORTS: readonly string[] = ["RTP/AVP", "RTP/SAVP", "RTP/AVPF", "RTP/SAVPF", "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF"];

const REPLACE_WORDS: ReadonlyMap<string, string> = new Map([
  ["replace-origin", "origin"],
  ["replace-session-connection", "session-connection"],
  ["replace-username", "username"],
  ["replace-SDP-version", "SDP version"],
  ["replace-zero-address", "zero address"],
  ["replace-session-name", "session name"],
]);

const RTCP_MUX_WORDS: ReadonlyMap<string, string> = new Map([
  ["rtcp-mux-demux", "demux"],
  ["rtcp-mux-offer", "offer"],
  ["rtcp-mux-reject", "reject"],
  ["rtcp-mux-accept", "accept"],
  ["rtcp-mux-require", "require"],
]);

/** The transport-protocol words: the value replaces the whole selection. */
const TRANSPORT_WORDS: ReadonlyMap<string, number> = new Map([
  ["RTP/AVP", 0x100],
  ["RTP/SAVP", 0x101],
  ["RTP/AVPF", 0x102],
  ["RTP/SAVPF", 0x103],
  ["UDP/TLS/RTP/SAVP", 0x104],
  ["UDP/TLS/RTP/SAVPF", 0x105],
]);

/** The transport-protocol modifiers: [bits set, bits cleared]. */
const TRANSPORT_MODIFIERS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ["RTP", [0x100, 0x001]],
  ["AVP", [0x100, 0x002]],
  ["SRTP", [0x101, 0]],
  ["AVPF", [0x102, 0]],
]);

class FlagError extends Error {}

interface Token {
  readonly key: string;
  /** null for a word without `=`. */
  readonly value: string | null;
}

/** The tokens of the string; parsing stops at an empty key (`=x`), as OpenSIPS's does. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (;;) {
    while (text[pos] === " ") pos++;
    const rest = text.slice(pos);
    const stop = rest.search(/[ =]/);
    if (stop >= 0 && rest[stop] === "=") {
      const valueEnd = rest.indexOf(" ", stop + 1);
      const end = valueEnd < 0 ? rest.length : valueEnd;
      if (stop === 0) return out;
      out.push({ key: rest.slice(0, stop), value: rest.slice(stop + 1, end) });
      pos += end;
    } else {
      const end = stop < 0 ? rest.length : stop;
      if (end === 0) return out;
      out.push({ key: rest.slice(0, end), value: null });
      pos += end;
    }
  }
}

function required(token: Token): string {
  if (token.value === null) throw new FlagError("missing value");
  return token.value;
}

/** strtol(): the leading integer of `text` (0 when there is none). */
function leadingInteger(text: string): number {
  const match = /^\s*[+-]?[0-9]+/.exec(text);
  return match === null ? 0 : Number(match[0]);
}

function viaSource(value: string): ViaSource {
  if (value.startsWith("1")) return { kind: "via", index: 1 };
  if (value.startsWith("2")) return { kind: "via", index: 2 };
  if (value === "auto") return { kind: "auto" };
  if (value === "extra") return { kind: "extra" };
  throw new FlagError("invalid value");
}

function emptyFlags(op: RtpeOperation): NgFlags {
  const offerAnswer = op === "offer" || op === "answer";
  return {
    op,
    entries: [],
    flags: [],
    direction: offerAnswer ? [] : null,
    replace: offerAnswer ? [] : null,
    rtcpMux: offerAnswer ? [] : null,
    transport: 0,
    via: null,
    withToTag: op !== "delete",
    callId: null,
    fromTag: null,
    toTag: null,
    receivedFrom: null,
    directional: false,
  };
}

interface Interfaces {
  inbound: string | null;
  outbound: string | null;
}

/** Applies one token; false when it is not one OpenSIPS knows (it then goes to rtpengine as is). */
function applyKnown(ng: NgFlags, token: Token, interfaces: Interfaces): boolean {
  const { key, value } = token;
  const transport = TRANSPORT_WORDS.get(key);
  if (transport !== undefined) {
    ng.transport = transport;
    return true;
  }
  const modifier = TRANSPORT_MODIFIERS.get(key);
  if (modifier !== undefined) {
    ng.transport = (ng.transport | modifier[0]) & ~modifier[1];
    return true;
  }
  const replaced = REPLACE_WORDS.get(key);
  if (replaced !== undefined) {
    ng.replace?.push(replaced);
    return true;
  }
  const rtcpMux = RTCP_MUX_WORDS.get(key);
  if (rtcpMux !== undefined) {
    ng.rtcpMux?.push(rtcpMux);
    return true;
  }
  switch (key) {
    case "to-tag":
      if (value !== null) ng.toTag = value;
      ng.withToTag = true;
      return true;
    case "callid":
      if (value === null) return false;
      ng.callId = value;
      return true;
    case "call-id":
      ng.callId = required(token);
      return true;
    case "from-tag":
      ng.fromTag = required(token);
      ng.directional = true;
      return true;
    case "internal":
    case "external":
      if (interfaces.inbound === null) interfaces.inbound = key;
      else interfaces.outbound = key;
      return true;
    case "in-iface":
      interfaces.inbound = value ?? "";
      return true;
    case "out-iface":
      interfaces.outbound = value ?? "";
      return true;
    case "via-branch":
      ng.via = viaSource(required(token));
      return true;
    case "via-branch-param":
      ng.via = { kind: "param", value: value ?? "" };
      return true;
    case "repacketize": {
      const ms = /^[0-9]*/.exec(required(token))![0];
      if (Number(ms) === 0) throw new FlagError("invalid value");
      ng.entries.push(["repacketize", Number(ms)]);
      return true;
    }
    case "directional":
      ng.directional = true;
      ng.flags.push(key);
      return true;
    case "force-answer":
      if (ng.op !== "offer") throw new FlagError("cannot force answer in non-offer command");
      ng.op = "answer";
      return true;
    case "delete-delay":
      ng.entries.push(["delete-delay", leadingInteger(required(token))]);
      return true;
    case "media-address":
      required(token);
      return false;
    case "received-from":
      if (value !== null) ng.receivedFrom = value;
      return true;
    case "address-family": {
      const family = required(token);
      if (family !== "IP4" && family !== "IP6") throw new FlagError("invalid value");
      ng.entries.push(["address family", family]);
      return true;
    }
    default:
      return false;
  }
}

function describe(token: Token, reason: string): string {
  const value = token.value === null ? "" : ` (value '${token.value}')`;
  return `error processing flag \`${token.key}'${value}: ${reason}`;
}

/** Reads `text` (null: no flags) for command `op`; the error is the line OpenSIPS logs. */
export function parseFlags(op: RtpeOperation, text: string | null): ParsedFlags {
  const ng = emptyFlags(op);
  const interfaces: Interfaces = { inbound: null, outbound: null };
  for (const token of tokens(text ?? "")) {
    try {
      if (applyKnown(ng, token, interfaces)) continue;
    } catch (e) {
      if (e instanceof FlagError) return { ok: false, error: describe(token, e.message) };
      throw e;
    }
    if (token.value === null) ng.flags.push(token.key);
    else ng.entries.push([token.key, token.value]);
  }
  if (interfaces.inbound !== null && interfaces.outbound !== null) {
    ng.direction?.push(interfaces.inbound, interfaces.outbound);
  } else if (interfaces.inbound !== null) {
    return { ok: false, error: "in-iface value without out-iface" };
  } else if (interfaces.outbound !== null) {
    return { ok: false, error: "out-iface value without in-iface" };
  }
  return { ok: true, flags: ng };
}
