import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { errorMessage } from "./error-message.ts";
import { settleOnce } from "./settle-once.ts";

/** rest_client's return codes for a request that did not complete. */
export type HttpFailureCode =
  | -1 // connection refused
  | -2 // connect timeout (no TCP connection before the deadline)
  | -3 // transfer timeout (connected, but the response did not complete in time)
  | -10; // any other failure: bad URL, name resolution, connection reset, response too large

export type HttpResult =
  | { ok: true; status: number; body: string; contentType: string | null }
  /** `status`/`body`: what arrived before the failure (0 and "" when no response started). */
  | { ok: false; code: HttpFailureCode; error: string; status: number; body: string };

export interface HttpRequest {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
  /** Extra header lines, e.g. from rest_append_hf. */
  headers?: Record<string, string>;
  /** Whole request, connect included (rest_client curl_timeout, default 20 s). */
  timeoutMs?: number;
  /** Until the TCP connection is up, name resolution included (rest_client connection_timeout, default 20 s). */
  connectTimeoutMs?: number;
  /** Largest response body accepted (rest_client max_transfer_size, default 10240 KiB). */
  maxBodyBytes?: number;
  /** Name resolver to use instead of the system one. */
  lookup?: LookupFunction;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_BODY_BYTES = 10240 * 1024;
/** Without an explicit type, curl sends a POST/PUT body as a form. */
const DEFAULT_BODY_TYPE = "application/x-www-form-urlencoded";
const REFUSED_ERRORS = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/**
 * Makes one HTTP(S) request the way rest_client's rest_get/rest_post/rest_put do. Any completed
 * response is a success whatever its status (404 included); failures carry rest_client's codes.
 * Never rejects.
 */
export function httpRequest(request: HttpRequest): Promise<HttpResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve(failure(-10, `invalid URL "${request.url}"`));
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      resolve(failure(-10, `unsupported protocol "${url.protocol}" in "${request.url}"`));
      return;
    }

    const transport = url.protocol === "https:" ? https : http;
    let req: http.ClientRequest;
    try {
      req = transport.request(url, {
        method: request.method.toUpperCase(),
        headers: requestHeaders(request),
        lookup: request.lookup,
      });
    } catch (err) {
      // An invalid method or header value.
      resolve(failure(-10, errorMessage(err)));
      return;
    }

    let status = 0;
    const received: Buffer[] = [];
    const receivedText = () => Buffer.concat(received).toString("utf8");
    const settler = settleOnce<HttpResult>(resolve, request.timeoutMs ?? DEFAULT_TIMEOUT_MS, (timeoutMs) => {
      req.destroy();
      return connection.connected
        ? failure(-3, `transfer timed out after ${timeoutMs} ms`, status, receivedText())
        : failure(-2, `connect timed out after ${timeoutMs} ms`);
    });
    const connectTimeoutMs = request.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const connection = watchConnection(req, connectTimeoutMs, () => {
      settler.finish(failure(-2, `connect timed out after ${connectTimeoutMs} ms`));
      req.destroy();
    });

    const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          settler.finish(failure(-10, `response body larger than ${maxBodyBytes} bytes`, status, receivedText()));
          req.destroy();
          return;
        }
        received.push(chunk);
      });
      res.on("end", () =>
        settler.finish({ ok: true, status, body: receivedText(), contentType: headerText(res.headers["content-type"]) }),
      );
      res.on("error", (err) => settler.finish(networkFailure(err, status, receivedText())));
    });
    req.on("error", (err) => settler.finish(networkFailure(err, status, receivedText())));

    if (request.body !== undefined) req.end(request.body);
    else req.end();
  });
}

/** Tracks whether the TCP connection is up (name resolution counts as connecting, as in curl). */
function watchConnection(req: http.ClientRequest, connectTimeoutMs: number, onConnectTimeout: () => void): { readonly connected: boolean } {
  const state = { connected: false };
  req.on("socket", (socket) => {
    if (!socket.connecting) {
      state.connected = true; // a kept-alive connection
      return;
    }
    const timer = setTimeout(onConnectTimeout, connectTimeoutMs);
    socket.once("connect", () => {
      state.connected = true;
      clearTimeout(timer);
    });
    socket.once("close", () => clearTimeout(timer));
  });
  return state;
}

function requestHeaders(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) {
    headers["Content-Type"] = request.contentType ?? DEFAULT_BODY_TYPE;
    headers["Content-Length"] = String(Buffer.byteLength(request.body));
  }
  return headers;
}

function networkFailure(err: Error, status: number, body: string): HttpResult {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  return failure(REFUSED_ERRORS.has(code) ? -1 : -10, errorMessage(err), status, body);
}

function failure(code: HttpFailureCode, error: string, status = 0, body = ""): HttpResult {
  return { ok: false, code, error, status, body };
}

function headerText(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
