/**
 * What the runtime needs from the world it runs in. Two environments implement it: the offline
 * one (env/offline.ts) records a trace; the UDP one sends real packets. Keep it small: everything
 * a script does that leaves the process goes through these five members.
 */

/** Where a message came from or goes to. */
export interface Peer {
  /** `udp`, `tcp`, … */
  readonly proto: string;
  readonly ip: string;
  readonly port: number;
}

export interface LogRecord {
  /** The number of the message being processed (0 outside a message: start-up, timers). */
  readonly msg: number;
  /** `ALERT` `CRITICAL` `ERROR` `WARNING` `NOTICE` `INFO` `DBG` (log-level.ts). */
  readonly level: string;
  /** The line without its trailing newline. */
  readonly text: string;
}

export interface OutgoingReply {
  readonly msg: number;
  readonly code: number;
  readonly reason: string;
  /** The reply's destination (the request's sender, per its top Via). */
  readonly to: Peer;
  /** The serialised reply. */
  readonly text: string;
}

export interface OutgoingRequest {
  readonly msg: number;
  /** The Request-URI sent. */
  readonly ruri: string;
  /** The next hop as a URI: `$du` when set, else the Request-URI. */
  readonly dst: string;
  /** The serialised request. */
  readonly text: string;
}

/** What the engine itself reports (trace.ts turns these and the above into trace events). */
export type EngineEvent =
  | { readonly msg: number; readonly event: "route"; readonly kind: string; readonly name: string | null }
  | { readonly msg: number; readonly event: "drop" }
  | { readonly msg: number; readonly event: "suspend"; readonly function: string }
  | { readonly msg: number; readonly event: "resume"; readonly route: string; readonly rc: number }
  | { readonly msg: number; readonly event: "error"; readonly text: string };

export interface Environment {
  /** Wall-clock time in milliseconds since the epoch ($Ts, $time, timestamps). */
  now(): number;
  /** The process id the script sees as `$pp` (worker N is `pid + N`). */
  readonly pid: number;
  log(record: LogRecord): void;
  sendReply(reply: OutgoingReply): void;
  relay(request: OutgoingRequest): void;
  event(event: EngineEvent): void;
}
