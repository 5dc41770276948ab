/**
 * The parts of an SDP body that rtpproxy_offer/answer read and rewrite, located as OpenSIPS's
 * rtpproxy_offer_answer() locates them: sessions start at `v=` lines; each needs an `o=` and an
 * `m=` after it; a session-level `c=` sits between `o=` and the first `m=`; each medium may have
 * its own `c=` and an `a=rtcp:` line. Positions are offsets into the body text, for rewriting.
 * Media of a protocol rtpproxy cannot relay are skipped; other non-RTP media (udp, udptl,
 * udp/bfcp) are relayed without payload types.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The address of a `c=` or `o=` line. */
export interface SdpAddress extends Span {
  readonly family: 4 | 6;
  /** Where the `4`/`6` of `IP4`/`IP6` is, to switch the family. */
  readonly familyAt: number;
}

export interface SdpMedia {
  readonly port: Span;
  /** The payload types, space-separated; "" for a non-RTP protocol. */
  readonly payloadTypes: string;
  /** The medium's own `c=` address; null when it uses the session's. */
  readonly connection: SdpAddress | null;
  /** The value of its `a=rtcp:` line; null when there is none. */
  readonly rtcp: Span | null;
}

export interface SdpSession {
  /** The session-level `c=` address; null when there is none. */
  readonly connection: SdpAddress | null;
  /** The `o=` line, read only when its address is to be rewritten. */
  readonly origin: Span;
  readonly media: readonly SdpMedia[];
}

interface Line {
  readonly start: number;
  /** Before the line break. */
  readonly end: number;
}

const RTP_PROTOCOLS = ["rtp/avp", "rtp/avpf", "rtp/savp", "rtp/savpf", "dccp/tls/rtp/savp", "dccp/tls/rtp/savpf", "udp/tls/rtp/savp", "udp/tls/rtp/savpf"];
const OTHER_PROTOCOLS = ["udp", "udptl", "udp/bfcp"];

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null && match.index < text.length) {
    lines.push({ start: match.index, end: match.index + match[0].length - match[1]!.length });
  }
  return lines;
}

/** The whitespace-separated tokens of `text[from, to)` with their offsets. */
function tokens(text: string, from: number, to: number): Span[] {
  const found: Span[] = [];
  const re = /[^ \t]+/g;
  const part = text.slice(from, to);
  let match: RegExpExecArray | null;
  while ((match = re.exec(part)) !== null) found.push({ start: from + match.index, end: from + match.index + match[0].length, text: match[0] });
  return found;
}

/** extract_mediaip(): the address after `IP4`/`IP6` on a `c=`/`o=` line; null when there is none. */
export function lineAddress(text: string, line: { start: number; end: number }): SdpAddress | null {
  const words = tokens(text, line.start + 2, line.end);
  for (let i = 0; i + 1 < words.length; i++) {
    const word = words[i]!.text;
    if (word === "IP4" || word === "IP6") return { ...words[i + 1]!, family: word === "IP4" ? 4 : 6, familyAt: words[i]!.start + 2 };
  }
  return null;
}

type MediaLine = { kind: "media"; port: Span; payloadTypes: string } | { kind: "skip"; protocol: string } | { kind: "error"; message: string };

/** extract_mediainfo(): the port and payload types of an `m=` line. */
function mediaLine(text: string, line: Line): MediaLine {
  const words = tokens(text, line.start + 2, line.end);
  if (words.length < 2) return { kind: "error", message: "no port in `m='" };
  if (words.length < 3) return { kind: "error", message: "no protocol type in `m='" };
  const protocol = words[2]!.text;
  const lower = protocol.toLowerCase();
  if (OTHER_PROTOCOLS.includes(lower)) return { kind: "media", port: words[1]!, payloadTypes: "" };
  if (!RTP_PROTOCOLS.includes(lower)) return { kind: "skip", protocol };
  if (words.length < 4) return { kind: "error", message: "no payload types in `m='" };
  return { kind: "media", port: words[1]!, payloadTypes: words.slice(3).map((w) => w.text).join(" ") };
}

function typeOf(text: string, line: Line): string | null {
  return text[line.start + 1] === "=" ? text[line.start]! : null;
}

function firstOf(text: string, lines: readonly Line[], type: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (typeOf(text, lines[i]!) === type) return i;
  return -1;
}

function parseMedia(text: string, lines: readonly Line[], from: number, to: number, skipped: string[]): SdpMedia | string | null {
  const info = mediaLine(text, lines[from]!);
  if (info.kind === "error") return `can't extract media port from the message (${info.message})`;
  if (info.kind === "skip") {
    skipped.push(info.protocol);
    return null;
  }
  const own = firstOf(text, lines, "c", from + 1, to);
  const connection = own < 0 ? null : lineAddress(text, lines[own]!);
  if (own >= 0 && connection === null) return "can't extract media IP from the message";
  let rtcp: Span | null = null;
  for (let i = from + 1; i < to && rtcp === null; i++) {
    const line = lines[i]!;
    if (text.startsWith("a=rtcp:", line.start)) {
      const value = tokens(text, line.start + 7, line.end);
      const start = value[0]?.start ?? line.start + 7;
      const end = value.at(-1)?.end ?? start;
      rtcp = { start, end, text: text.slice(start, end) };
    }
  }
  return { port: info.port, payloadTypes: info.payloadTypes, connection, rtcp };
}

function parseSession(text: string, lines: readonly Line[], from: number, to: number, skipped: string[]): SdpSession | string {
  const origin = firstOf(text, lines, "o", from, to);
  if (origin < 0) return "no o= in session";
  const firstMedia = firstOf(text, lines, "m", origin, to);
  if (firstMedia < 0) return "no m= in session";
  const sessionC = firstOf(text, lines, "c", origin, firstMedia);
  const connection = sessionC < 0 ? null : lineAddress(text, lines[sessionC]!);
  if (sessionC >= 0 && connection === null) return "can't extract media IP from the message";
  const media: SdpMedia[] = [];
  for (let m = firstMedia; m >= 0 && m < to; ) {
    const next = firstOf(text, lines, "m", m + 1, to);
    const medium = parseMedia(text, lines, m, next < 0 ? to : next, skipped);
    if (typeof medium === "string") return medium;
    if (medium !== null) {
      if (medium.connection === null && connection === null) return "can't find media IP in the message";
      media.push(medium);
    }
    m = next;
  }
  const originLine = lines[origin]!;
  return { connection, origin: { start: originLine.start, end: originLine.end, text: text.slice(originLine.start, originLine.end) }, media };
}

export interface ParsedSdp {
  readonly sessions: readonly SdpSession[];
  /** The protocols of the media left alone. */
  readonly skipped: readonly string[];
}

/** The sessions of an SDP body, or why rtpproxy cannot relay it. */
export function parseSdp(text: string): ParsedSdp | string {
  const lines = linesOf(text);
  const first = lines.findIndex((line) => text.slice(line.start, line.end).trim() !== "");
  if (first < 0 || typeOf(text, lines[first]!) !== "v") return `no sessions in SDP: [${text}]`;
  const starts = lines.flatMap((line, i) => (i >= first && typeOf(text, line) === "v" ? [i] : []));
  const sessions: SdpSession[] = [];
  const skipped: string[] = [];
  for (let s = 0; s < starts.length; s++) {
    const session = parseSession(text, lines, starts[s]!, starts[s + 1] ?? lines.length, skipped);
    if (typeof session === "string") return session;
    sessions.push(session);
  }
  return { sessions, skipped };
}
