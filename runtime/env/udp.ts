/**
 * A script served as a SIP proxy over UDP: binds the listen address, feeds every datagram that
 * parses to the engine (requests to the main route, replies to onreply routes and tm) and sends
 * what the script produces through the UDP environment. Bad input is dropped with a log line.
 *
 * Shutting down (`close`): new requests are ignored (ACK and CANCEL still reach their
 * transactions, replies still come in), suspended transactions get up to a grace period to
 * finish, then retransmissions stop and the socket closes.
 */
import type { Buffer } from "node:buffer";
import { createEngine, type Engine, type EngineOptions } from "../engine.ts";
import { globalValue, type Script } from "../script.ts";
import type { SipMessage } from "../sip/message.ts";
import { parseSipMessage } from "../sip/parse.ts";
import type { UdpAddress } from "./udp-destination.ts";
import { UdpEnvironment } from "./udp-environment.ts";
import { chooseListenAddress, scriptOnSocket, type ListenAddress } from "./udp-listen.ts";
import type { LogSink, ReceivedMessage } from "./udp-log.ts";
import { Retransmitter, retransmitTimers } from "./udp-retransmit.ts";
import { Summaries } from "./udp-summary.ts";
import { formatAddress, UdpTransport } from "./udp-transport.ts";

export interface ServeUdpOptions {
  readonly script: Script;
  /** `[udp:]IP[:PORT]`, instead of the script's first UDP socket; port 0 picks a free port. */
  readonly listen?: string;
  readonly sink: LogSink;
  /** Passed to the engine (timer routes always run). */
  readonly engine?: Omit<EngineOptions, "timers">;
}

export interface UdpServer {
  /** The address really listened on. */
  readonly address: ListenAddress;
  readonly engine: Engine;
  /** Graceful stop; waits at most `graceMs` for suspended transactions. Safe to call twice. */
  close(graceMs?: number): Promise<void>;
}

export type ServeResult = { readonly ok: true; readonly server: UdpServer } | { readonly ok: false; readonly error: string };

const DEFAULT_GRACE_MS = 5000;
/** Requests that still belong to transactions in progress while shutting down. */
const IN_TRANSACTION_METHODS = new Set(["ACK", "CANCEL"]);

export async function serveUdp(options: ServeUdpOptions): Promise<ServeResult> {
  const { sink } = options;
  const choice = chooseListenAddress(options.script, options.listen);
  if (!choice.ok) return choice;
  const bound = await UdpTransport.bind(choice.address, sink);
  if (!bound.ok) return bound;
  const transport = bound.transport;
  const script = scriptOnSocket(options.script, transport.address);
  const retransmitter = new Retransmitter(retransmitTimers(script), (data, to) => transport.send(data, to));
  const summaries = new Summaries(sink);
  const env = new UdpEnvironment(transport, retransmitter, summaries, sink);

  let engine: Engine;
  try {
    engine = await createEngine(script, env, { workers: workerCount(script), ...options.engine, timers: true });
  } catch (error) {
    await transport.close();
    return { ok: false, error: `the script failed to start: ${errorText(error)}` };
  }

  let draining = false;
  const receive = (data: Buffer, from: UdpAddress): void => {
    const msg = admit(data, from, sink);
    if (msg === null) return;
    if (draining && msg.isRequest && !IN_TRANSACTION_METHODS.has(msg.method ?? "")) {
      sink({ kind: "transport", level: "INFO", text: `shutting down: ignored ${msg.method} from ${formatAddress(from)}` });
      return;
    }
    if (msg.isRequest) {
      retransmitter.requestReceived(msg);
      // RFC 3261 §18.2.1: the server transport records the source in the top Via (sent on when relayed).
      msg.stampTopVia(from);
    } else {
      retransmitter.replyReceived(msg);
    }
    const source = { proto: "udp", ip: from.ip, port: from.port };
    const handling = summaries.receiving(describeReceived(msg, from), () => engine.handleMessage(msg, source));
    handling.result.then(
      (result) => (handling.summary.msg = result.msg),
      (error: unknown) => sink({ kind: "transport", level: "ERROR", text: `processing a message from ${formatAddress(from)} failed: ${errorText(error)}` }),
    );
  };

  transport.onDatagram(receive);
  sink({ kind: "transport", level: "INFO", text: `listening on udp:${formatAddress(transport.address)}` });

  let closing: Promise<void> | null = null;
  const close = (graceMs = DEFAULT_GRACE_MS): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      sink({ kind: "transport", level: "INFO", text: "shutting down" });
      if (!(await settlesWithin(engine.idle(), graceMs))) {
        sink({ kind: "transport", level: "WARNING", text: `suspended transactions still running after ${graceMs} ms: abandoned` });
      }
      engine.stop();
      retransmitter.stop();
      summaries.flush();
      await transport.close();
    })();
    return closing;
  };
  return { ok: true, server: { address: transport.address, engine, close } };
}

/** The parsed message, or null (and a log line) for a datagram the proxy cannot handle. */
function admit(data: Buffer, from: UdpAddress, sink: LogSink): SipMessage | null {
  const parsed = parseSipMessage(data);
  const problem = parsed.ok ? transportProblem(parsed.msg) : parsed.error;
  if (problem === null && parsed.ok) return parsed.msg;
  sink({ kind: "transport", level: "WARNING", text: `dropped ${data.length} bytes from ${formatAddress(from)}: ${problem}` });
  return null;
}

/** Why a parsed message cannot go through a transaction layer, or null: it needs a top Via and a CSeq. */
function transportProblem(msg: SipMessage): string | null {
  if (msg.topVia === null) return "no valid Via header";
  if (msg.cseq === null) return "no valid CSeq header";
  return null;
}

function describeReceived(msg: SipMessage, from: UdpAddress): ReceivedMessage {
  const line = msg.startLine;
  const common = { from: formatAddress(from), callId: msg.callId };
  if (line.kind === "request") return { type: "request", method: line.method, ruri: line.uri, ...common };
  return { type: "reply", code: line.code, reason: line.reason, method: msg.method, ...common };
}

/** UDP workers as the script asks for (`udp_workers`, `children` before 3.x); one when unset. */
function workerCount(script: Script): number {
  const value = Number(globalValue(script, "udp_workers") ?? globalValue(script, "children") ?? 1);
  return Number.isInteger(value) && value > 0 ? value : 1;
}

/** Whether `work` settled within `ms`. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
