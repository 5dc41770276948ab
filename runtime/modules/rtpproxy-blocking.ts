/**
 * One exchange on an rtpproxy control socket, made by a worker thread while the script's thread
 * waits, as an OpenSIPS worker waits in send_rtpp_command(). UDP: the command goes with its cookie
 * on a connected socket and is sent again after each `timeoutMs` without an answer, `tries` times
 * in all; only a reply starting with the cookie counts. TCP and unix (stream) sockets: one
 * connection per command, the reply ends at its newline. A refused or reset socket fails at once.
 */
import { BlockingWorker } from "./blocking-worker.ts";

export type ControlMode = "udp" | "udp6" | "tcp" | "tcp6" | "unix";

export interface ControlRequest {
  readonly mode: ControlMode;
  /** The host (udp/tcp) or the socket path (unix). */
  readonly host: string;
  /** 0 for a unix socket. */
  readonly port: number;
  /** The bytes to send, cookie included. */
  readonly text: string;
  /** UDP: the reply must start with it (then a space); null for stream sockets. */
  readonly cookie: string | null;
  readonly timeoutMs: number;
  readonly tries: number;
}

/** The reply without its cookie, or why there is none. */
export type ControlAnswer = { readonly ok: true; readonly reply: string } | { readonly ok: false; readonly error: string };

const CONTROL_WORKER = String.raw`
"use strict";
const { parentPort } = require("node:worker_threads");
const dgram = require("node:dgram");
const net = require("node:net");

const TIMEOUT = "timeout waiting reply from a RTP proxy";

function datagram(request) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket(request.mode === "udp6" ? "udp6" : "udp4");
    let timer = null;
    let tries = 0;
    let done = false;
    const finish = (answer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try { socket.close(); } catch {}
      resolve(answer);
    };
    const attempt = () => {
      if (tries++ >= request.tries) return finish({ ok: false, error: TIMEOUT });
      socket.send(request.text, (err) => {
        if (err) finish({ ok: false, error: "can't send command to a RTP proxy (" + (err.code || err.message) + ")" });
      });
      timer = setTimeout(attempt, request.timeoutMs);
    };
    socket.on("error", (err) => finish({ ok: false, error: "can't read reply from a RTP proxy (" + (err.code || err.message) + ")" }));
    socket.on("message", (data) => {
      const text = data.toString("latin1");
      if (!text.startsWith(request.cookie)) return;
      finish({ ok: true, reply: text.slice(request.cookie.length).replace(/^ /, "") });
    });
    socket.connect(request.port, request.host, () => attempt());
  });
}

function stream(request) {
  return new Promise((resolve) => {
    const target = request.mode === "unix"
      ? { path: request.host }
      : { host: request.host, port: request.port, family: request.mode === "tcp6" ? 6 : 4 };
    const socket = net.createConnection(target);
    let data = "";
    let done = false;
    const finish = (answer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ ok: false, error: TIMEOUT }), request.timeoutMs * Math.max(1, request.tries));
    socket.setEncoding("latin1");
    socket.on("connect", () => socket.write(request.text));
    socket.on("data", (chunk) => {
      data += chunk;
      if (data.includes("\n")) finish({ ok: true, reply: data });
    });
    socket.on("end", () => finish(data === "" ? { ok: false, error: "can't read reply from a RTP proxy" } : { ok: true, reply: data }));
    socket.on("error", (err) => finish({ ok: false, error: "can't connect to RTP proxy (" + (err.code || err.message) + ")" }));
  });
}

parentPort.on("message", async ({ request, port, signal }) => {
  const answer = await (request.cookie === null ? stream(request) : datagram(request));
  port.postMessage(answer);
  port.close();
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

const worker = new BlockingWorker(CONTROL_WORKER);
/** How much longer than the exchange's own bound the caller waits for the worker. */
const GRACE_MS = 1000;

/** Sends `request.text` and returns the reply; the script's thread waits until then. */
export function controlExchange(request: ControlRequest): ControlAnswer {
  const bound = request.timeoutMs * Math.max(1, request.tries) + GRACE_MS;
  return worker.call<ControlAnswer>(request, bound, { ok: false, error: "timeout waiting reply from a RTP proxy" });
}
