/**
 * One ng exchange over UDP, made while the script waits (rtpengine commands block an OpenSIPS
 * worker): the datagram `<cookie> <bencoded dict>` is sent up to `attempts` times, each time
 * waiting `timeoutMs` for a datagram that starts with the cookie; what follows the cookie and
 * its space is the reply. A worker thread (blocking-worker.ts) does the socket work. A failure
 * carries the lines OpenSIPS would log for it.
 */
import { Buffer } from "node:buffer";
import { BlockingWorker } from "./blocking-worker.ts";

export interface UdpExchange {
  readonly family: 4 | 6;
  readonly host: string;
  readonly port: number;
  readonly cookie: string;
  /** The bencoded command. */
  readonly payload: Uint8Array;
  readonly timeoutMs: number;
  readonly attempts: number;
}

export type UdpAnswer = { readonly ok: true; readonly reply: Uint8Array } | { readonly ok: false; readonly lines: readonly string[] };

const UDP_WORKER = String.raw`
"use strict";
const { parentPort } = require("node:worker_threads");
const dgram = require("node:dgram");

function exchange(request) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket(request.family === 6 ? "udp6" : "udp4");
    const cookie = Buffer.from(request.cookie, "latin1");
    const message = Buffer.concat([cookie, Buffer.from(" ", "latin1"), Buffer.from(request.payload)]);
    const lines = [];
    let connected = false;
    let attempt = 0;
    let timer = null;
    let finished = false;
    const finish = (answer) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      try { socket.close(); } catch {}
      resolve(answer);
    };
    const nextAttempt = () => {
      clearTimeout(timer);
      if (attempt >= request.attempts) {
        lines.push("timeout waiting reply from a RTP proxy");
        finish({ ok: false, lines });
        return;
      }
      attempt++;
      timer = setTimeout(nextAttempt, request.timeoutMs);
      socket.send(message, (err) => {
        if (!err) return;
        lines.push("can't send command to a RTP proxy (" + (err.code || err.message) + ")");
        nextAttempt();
      });
    };
    socket.on("message", (data) => {
      if (data.length < cookie.length || !data.subarray(0, cookie.length).equals(cookie)) return;
      const rest = data.subarray(cookie.length);
      finish({ ok: true, reply: rest.length === 0 ? rest : rest.subarray(1) });
    });
    socket.on("error", (err) => {
      if (!connected) {
        lines.push(request.host + ": " + err.message, "cannot reconnect RTP engine socket!");
        finish({ ok: false, lines });
        return;
      }
      const line = "can't read reply from a RTP proxy (" + (err.code || err.message) + ")";
      if (!lines.includes(line)) lines.push(line);
      nextAttempt();
    });
    socket.connect(request.port, request.host, () => {
      connected = true;
      nextAttempt();
    });
  });
}

parentPort.on("message", async ({ request, port, signal }) => {
  port.postMessage(await exchange(request));
  port.close();
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

const worker = new BlockingWorker(UDP_WORKER);
/** How much longer than the sends' own timeouts the caller waits for the worker (DNS, start-up). */
const GRACE_MS = 2000;

/** Sends the command and waits for its reply. */
export function udpExchange(request: UdpExchange): UdpAnswer {
  const failure: UdpAnswer = { ok: false, lines: ["timeout waiting reply from a RTP proxy"] };
  const answer = worker.call<UdpAnswer>(request, request.timeoutMs * request.attempts + GRACE_MS, failure);
  return answer.ok ? { ok: true, reply: Buffer.from(answer.reply) } : answer;
}
