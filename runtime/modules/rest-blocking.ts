/**
 * A rest_client transfer for a plain (not async) call: made by a worker thread with fetch while
 * the script's thread waits, as OpenSIPS's worker waits for libcurl. Failures carry rest_client's
 * codes: -1 refused, -2/-3 timeouts, -10 anything else.
 */
import type { HttpRequest, HttpResult } from "../backends/http.ts";
import { BlockingWorker } from "./blocking-worker.ts";

const FETCH_WORKER = String.raw`
"use strict";
const { parentPort } = require("node:worker_threads");

function failureCode(err) {
  const cause = err && err.cause;
  const code = cause && cause.code;
  if (code === "ECONNREFUSED" || code === "EHOSTUNREACH" || code === "ENETUNREACH") return -1;
  if (code === "UND_ERR_CONNECT_TIMEOUT") return -2;
  if (err && (err.name === "TimeoutError" || err.name === "AbortError")) return -3;
  return -10;
}

async function transfer(request) {
  const headers = Object.assign({}, request.headers);
  if (request.body !== undefined) headers["content-type"] = request.contentType || "application/x-www-form-urlencoded";
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = await response.text();
    return { ok: true, status: response.status, body, contentType: response.headers.get("content-type") };
  } catch (err) {
    return { ok: false, code: failureCode(err), error: String(err && err.message), status: 0, body: "" };
  }
}

parentPort.on("message", async ({ request, port, signal }) => {
  port.postMessage(await transfer(request));
  port.close();
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

const worker = new BlockingWorker(FETCH_WORKER);
/** How much longer than the transfer's own timeout the caller waits for the worker. */
const GRACE_MS = 1000;

export function blockingTransfer(request: HttpRequest): HttpResult {
  const timeoutMs = request.timeoutMs ?? 20_000;
  const failed: HttpResult = { ok: false, code: -3, error: "transfer timed out", status: 0, body: "" };
  const { lookup: _lookup, ...plain } = request;
  return worker.call({ ...plain, timeoutMs }, timeoutMs + GRACE_MS, failed);
}
