/**
 * rest_client: rest_get / rest_post / rest_put over HTTP(S). Any completed transfer is a success
 * (1), whatever its status; the body, Content-Type and status code go to the output variables.
 * Failures: -1 connection refused, -2 connect timeout, -3 transfer timeout (also what async()'s
 * own timeout gives), -10 any other error. rest_append_hf adds a header to the next request.
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg, AsyncDone, FunctionImpl, ModuleImpl } from "../functions.ts";
import type { MessageState } from "../message-state.ts";
import type { Pv } from "../pv-types.ts";
import { httpRequest, type HttpRequest, type HttpResult } from "../backends/http.ts";
import { intModParam } from "./modparams.ts";
import { blockingTransfer } from "./rest-blocking.ts";

const TRANSFER_TIMEOUT = -3;
const DEFAULT_TIMEOUT_SECONDS = 20;
const DEFAULT_MAX_TRANSFER_KB = 10240;

interface Outputs {
  readonly body: Pv | null;
  readonly ctype: Pv | null;
  readonly code: Pv | null;
}

/** Headers queued by rest_append_hf for the next request of the message. */
const queuedHeaders = new WeakMap<MessageState, Record<string, string>>();

function appendHeader(ctx: Ctx, line: string | null): number {
  const colon = line?.indexOf(":") ?? -1;
  if (line === null || colon <= 0) return -1;
  const headers = queuedHeaders.get(ctx.state) ?? {};
  headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  queuedHeaders.set(ctx.state, headers);
  return 1;
}

function request(ctx: Ctx, method: string, url: string, body?: string, contentType?: string): HttpRequest {
  const script = ctx.engine.script;
  const headers = queuedHeaders.get(ctx.state) ?? {};
  queuedHeaders.delete(ctx.state);
  return {
    method,
    url,
    body,
    contentType,
    headers,
    timeoutMs: intModParam(script, "rest_client", "curl_timeout", DEFAULT_TIMEOUT_SECONDS) * 1000,
    connectTimeoutMs: intModParam(script, "rest_client", "connection_timeout", DEFAULT_TIMEOUT_SECONDS) * 1000,
    maxBodyBytes: intModParam(script, "rest_client", "max_transfer_size", DEFAULT_MAX_TRANSFER_KB) * 1024,
  };
}

/** The return code, and the outputs' writer for a completed transfer. */
function outcome(result: HttpResult, out: Outputs): AsyncDone {
  if (!result.ok) return { code: result.code };
  return {
    code: 1,
    write: (ctx) => {
      out.body?.assign(ctx, "=", result.body);
      if (result.contentType !== null) out.ctype?.assign(ctx, "=", result.contentType);
      out.code?.assign(ctx, "=", result.status);
    },
  };
}

/** The request and outputs of a call: rest_get(url, $body, [$ctype], [$code]) or rest_post/put(url, body, [ctype], $body, [$ctype], [$code]). */
type Prepared = { readonly http: HttpRequest; readonly out: Outputs } | null;

function prepareGet(ctx: Ctx, [url, body, ctype, code]: readonly Arg[]): Prepared {
  const target = textArg(url);
  if (target === null) return null;
  return { http: request(ctx, "GET", target), out: { body: pvArg(body), ctype: pvArg(ctype), code: pvArg(code) } };
}

function prepareSend(method: string): (ctx: Ctx, args: readonly Arg[]) => Prepared {
  return (ctx, [url, body, ctype, bodyOut, ctypeOut, codeOut]) => {
    const target = textArg(url);
    if (target === null) return null;
    const http = request(ctx, method, target, textArg(body) ?? "", textArg(ctype) ?? undefined);
    return { http, out: { body: pvArg(bodyOut), ctype: pvArg(ctypeOut), code: pvArg(codeOut) } };
  };
}

/** A plain call waits for the transfer (rest-blocking.ts); under async() the script is suspended meanwhile. */
function restFunction(prepare: (ctx: Ctx, args: readonly Arg[]) => Prepared): FunctionImpl {
  return {
    call: (ctx, args) => {
      const prepared = prepare(ctx, args);
      if (prepared === null) return -1;
      const done = outcome(blockingTransfer(prepared.http), prepared.out);
      done.write?.(ctx);
      return done.code;
    },
    start: async (ctx, args) => {
      const prepared = prepare(ctx, args);
      if (prepared === null) return -1;
      return outcome(await httpRequest(prepared.http), prepared.out);
    },
    timeoutCode: TRANSFER_TIMEOUT,
  };
}

export const restClient: ModuleImpl = {
  name: "rest_client",
  functions: new Map<string, FunctionImpl>([
    ["rest_get", restFunction(prepareGet)],
    ["rest_post", restFunction(prepareSend("POST"))],
    ["rest_put", restFunction(prepareSend("PUT"))],
    ["rest_append_hf", { call: (ctx, [line]) => appendHeader(ctx, textArg(line)) }],
  ]),
};
