/**
 * What `serve` writes while it runs: the script's log lines (xlog and core messages, already
 * filtered by log_level/xlog_level), one summary per run of a message (what it received and what
 * it answered or relayed), and the transport's own notices (listening, malformed datagrams, send
 * failures). Each entry is one line, as text for people or as JSON for tools.
 */

export type LogFormat = "text" | "json";

/** The message a run started from: a received request or reply. */
export type ReceivedMessage =
  | { readonly type: "request"; readonly method: string; readonly ruri: string; readonly from: string; readonly callId: string | null }
  | { readonly type: "reply"; readonly code: number; readonly reason: string; readonly method: string | null; readonly from: string; readonly callId: string | null };

export interface SentReply {
  readonly code: number;
  readonly reason: string;
  /** `ip:port`, or why it could not be sent. */
  readonly to: string;
}

export interface SentRequest {
  readonly method: string | null;
  readonly ruri: string;
  /** `ip:port`, or why it could not be sent. */
  readonly to: string;
}

/** Everything one run of a message did, in the order it happened. */
export interface MessageSummary {
  /** The engine's number of the message. */
  msg: number;
  /** Absent for runs that did not start from a datagram (a resume, a timeout, a timer). */
  received?: ReceivedMessage;
  /** Routes entered, as `kind` or `kind[name]`. */
  readonly routes: string[];
  readonly replies: SentReply[];
  readonly relays: SentRequest[];
  suspended?: string;
  resumed?: { readonly route: string; readonly rc: number };
  dropped: boolean;
  readonly errors: string[];
}

export type ServeLogEntry =
  | { readonly kind: "log"; readonly msg: number; readonly level: string; readonly text: string }
  | { readonly kind: "message"; readonly summary: MessageSummary }
  | { readonly kind: "transport"; readonly level: "INFO" | "WARNING" | "ERROR"; readonly text: string };

export type LogSink = (entry: ServeLogEntry) => void;

/** One line (without its newline) for `entry`, stamped with `time` (ms since the epoch). */
export function formatEntry(entry: ServeLogEntry, format: LogFormat, time: number): string {
  const stamp = new Date(time).toISOString();
  if (format === "json") return JSON.stringify({ time: stamp, ...flatten(entry) });
  switch (entry.kind) {
    case "log":
      return `${stamp} msg=${entry.msg} ${entry.level}: ${entry.text}`;
    case "transport":
      return `${stamp} udp ${entry.level}: ${entry.text}`;
    case "message":
      return `${stamp} msg=${entry.summary.msg} ${summaryText(entry.summary)}`;
  }
}

function flatten(entry: ServeLogEntry): object {
  return entry.kind === "message" ? { kind: entry.kind, ...entry.summary } : entry;
}

function summaryText(summary: MessageSummary): string {
  const parts: string[] = [];
  const received = summary.received;
  if (received?.type === "request") parts.push(`${received.method} ${received.ruri} from ${received.from}`);
  else if (received?.type === "reply") parts.push(`reply ${received.code} ${received.reason} (${received.method ?? "?"}) from ${received.from}`);
  if (summary.resumed !== undefined) parts.push(`resumed in ${summary.resumed.route} with $rc=${summary.resumed.rc}`);
  for (const reply of summary.replies) parts.push(`sent ${reply.code} ${reply.reason} to ${reply.to}`);
  for (const relay of summary.relays) parts.push(`relayed ${relay.method ?? "request"} ${relay.ruri} to ${relay.to}`);
  if (summary.suspended !== undefined) parts.push(`suspended on ${summary.suspended}()`);
  if (summary.dropped) parts.push("dropped");
  for (const error of summary.errors) parts.push(`error: ${error}`);
  if (parts.length === 0 || (received !== undefined && parts.length === 1)) parts.push("nothing sent");
  return parts.join(" | ");
}
