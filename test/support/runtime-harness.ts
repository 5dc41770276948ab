/**
 * Helpers for the runtime tests: scripts assembled from hand-written route generators (in the
 * emitted shape), SIP requests, and an engine on the offline environment.
 */
import * as rt from "../../runtime/index.ts";

export interface Routes {
  request?: Record<string, rt.RouteFn>;
  failure?: Record<string, rt.RouteFn>;
  event?: Record<string, rt.RouteFn>;
  error?: rt.RouteFn;
  startup?: rt.RouteFn;
}

export function scriptOf(routes: Routes, extra: Partial<Pick<rt.Script, "modules" | "globals" | "sockets">> = {}): rt.Script {
  const map = (r?: Record<string, rt.RouteFn>) => new Map<string, rt.RouteFn>(Object.entries(r ?? {}));
  return rt.defineScript({
    file: "test.cfg",
    target: "3.6",
    modules: extra.modules ?? [],
    modparams: [],
    globals: extra.globals ?? [],
    sockets: extra.sockets ?? [{ proto: "udp", host: "127.0.0.1", port: 5060, text: "udp:127.0.0.1:5060" }],
    routes: {
      request: map(routes.request),
      failure: map(routes.failure),
      onreply: new Map(),
      branch: new Map(),
      event: map(routes.event),
      error: routes.error ?? null,
      local: null,
      startup: routes.startup ?? null,
      timer: [],
    },
  });
}

export const SOURCE: rt.Peer = { proto: "udp", ip: "10.0.0.7", port: 5062 };

export function request(method: string, options: { callId?: string; ruri?: string; headers?: string } = {}): string {
  const ruri = options.ruri ?? "sip:bob@example.org";
  return (
    `${method} ${ruri} SIP/2.0\r\n` +
    "Via: SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK776asdhds\r\n" +
    "Max-Forwards: 70\r\n" +
    `To: Bob <sip:bob@example.org>\r\n` +
    `From: "Alice" <sip:alice@atlanta.org:5070>;tag=1928301774\r\n` +
    `Call-ID: ${options.callId ?? "a84b4c76e66710"}\r\n` +
    `CSeq: 314159 ${method}\r\n` +
    (options.headers ?? "") +
    "Content-Length: 0\r\n\r\n"
  );
}

export async function engineFor(script: rt.Script, options: rt.EngineOptions = {}) {
  const env = new rt.OfflineEnvironment({ clock: () => 1_700_000_000_123, pid: 4000 });
  const engine = await rt.createEngine(script, env, options);
  return { engine, env };
}

/** The text of every log event, in order. */
export function logTexts(env: rt.OfflineEnvironment): string[] {
  return env.events.flatMap((e) => (e.event === "log" ? [e.text] : []));
}

/** A route body that runs `body` (straight-line code) and returns its last `$rc`. */
export function route(body: (ctx: rt.Ctx) => void): rt.RouteFn {
  return function* (ctx: rt.Ctx): rt.RouteGen {
    body(ctx);
    return ctx.rc;
  };
}

const xlogBinding = rt.fn("xlog", "test.cfg:1");

/** `xlog(fmt)` as emitted: the rendered format through the core binding. */
export function xlog(ctx: rt.Ctx, ...parts: (string | rt.Pv)[]): number {
  return rt.action(ctx, xlogBinding(ctx, [rt.format([...parts, "\n"]).render(ctx)]));
}
