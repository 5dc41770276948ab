/**
 * The engine: a script running in an environment. `createEngine` initialises the modules and
 * runs startup_route; `handleRequest` runs the main route for one received request and resolves
 * when its processing has finished or suspended; `idle()` resolves once every suspended
 * transaction and launched operation has finished.
 */
import { Buffer } from "node:buffer";
import { Ctx, type Worker } from "./ctx.ts";
import { runTopLevel, type RunStatus } from "./driver.ts";
import { dummyMessage } from "./dummy-message.ts";
import { EngineCore } from "./engine-core.ts";
import { raiseEvent as raiseEngineEvent } from "./events.ts";
import type { Environment, Peer } from "./env/types.ts";
import { MessageState } from "./message-state.ts";
import type { ModuleImpl } from "./functions.ts";
import { MODULES } from "./modules/index.ts";
import type { Script } from "./script.ts";
import { SipMessage } from "./sip/message.ts";
import { parseSipMessage } from "./sip/parse.ts";
import type { Value } from "./value.ts";

export interface EngineOptions {
  /** Worker processes; messages go to them in turn, each keeps its own `$var`s. Default 1. */
  readonly workers?: number;
  /** Run timer_routes every interval (off by default: offline runs have no timers). */
  readonly timers?: boolean;
  /**
   * Module implementations beyond the built-in ones (runtime/modules/index.ts); one named like a
   * built-in replaces it. A module is used when the script loads it.
   */
  readonly modules?: readonly ModuleImpl[];
}

export interface HandleResult {
  /** The message's trace number. */
  readonly msg: number;
  /** `invalid`: the input is not a SIP message (nothing ran). */
  readonly status: RunStatus | "invalid";
  /** Why the input is invalid, or the stack of the exception that ended a failed run. */
  readonly error?: string;
}

export interface Engine {
  readonly core: EngineCore;
  /** Runs the main request route for a received request. */
  handleRequest(message: SipMessage | string | Buffer, source: Peer): Promise<HandleResult>;
  /** A request goes to the main route, a reply to the global onreply_route (then to the reply listeners, e.g. tm). */
  handleMessage(message: SipMessage | string | Buffer, source: Peer): Promise<HandleResult>;
  /** Runs `event_route[name]` (if the script has one) with `$param(name)` = the attributes; event listeners (event_routing) hear it. */
  raiseEvent(name: string, params: ReadonlyMap<string, Value>): RunStatus | null;
  /** Resolves when every suspended transaction and launched operation has finished. */
  idle(): Promise<void>;
  /** Stops the timer routes. */
  stop(): void;
}

function outcome(msg: number, ctx: Ctx, status: RunStatus): HandleResult {
  return status === "failed" && ctx.failure !== null ? { msg, status, error: ctx.failure } : { msg, status };
}

const LOCAL_PEER: Peer = { proto: "udp", ip: "127.0.0.1", port: 5060 };

export async function createEngine(script: Script, env: Environment, options: EngineOptions = {}): Promise<Engine> {
  const extra = options.modules ?? [];
  const builtIn = MODULES.filter((module) => !extra.some((e) => e.name === module.name));
  const core = new EngineCore(script, env, [...builtIn, ...extra]);
  for (const module of core.modules) {
    if (module.name === "core" || script.modules.includes(module.name)) module.init?.(core);
  }
  const workers: Worker[] = Array.from({ length: Math.max(1, options.workers ?? 1) }, (_, index) => ({ index, vars: new Map() }));
  let nextWorker = 0;
  const takeWorker = (): Worker => workers[nextWorker++ % workers.length]!;
  const timers: NodeJS.Timeout[] = [];

  /** The context of a run without a received message (startup, timer): the dummy message, msg 0. */
  const detachedCtx = (kind: "startup" | "timer", worker: Worker): Ctx =>
    new Ctx(core, worker, 0, kind, new MessageState(dummyMessage(), LOCAL_PEER), null);

  const parse = (message: SipMessage | string | Buffer): SipMessage | string => {
    if (message instanceof SipMessage) return message;
    const parsed = parseSipMessage(message);
    return parsed.ok ? parsed.msg : parsed.error;
  };

  const handleRequest = async (message: SipMessage | string | Buffer, source: Peer): Promise<HandleResult> => {
    const msgId = core.nextMessageId();
    const msg = parse(message);
    if (typeof msg === "string") return { msg: msgId, status: "invalid", error: msg };
    const main = script.routes.request.get("");
    if (main === undefined) return { msg: msgId, status: "finished" };
    const ctx = new Ctx(core, takeWorker(), msgId, "request", new MessageState(msg, source), null);
    return outcome(msgId, ctx, runTopLevel(ctx, main));
  };

  const handleMessage = async (message: SipMessage | string | Buffer, source: Peer): Promise<HandleResult> => {
    const msg = parse(message);
    if (typeof msg !== "string" && msg.isRequest) return handleRequest(msg, source);
    const msgId = core.nextMessageId();
    if (typeof msg === "string") return { msg: msgId, status: "invalid", error: msg };
    const ctx = new Ctx(core, takeWorker(), msgId, "onreply", new MessageState(msg, source), null);
    const global = script.routes.onreply.get("");
    const status = global === undefined ? "finished" : runTopLevel(ctx, global);
    // drop in a reply route discards provisional replies only; finals always reach tm (§5.9).
    const discarded = ctx.dropped && (msg.statusCode ?? 0) < 200;
    if (!discarded) for (const listener of core.replyListeners) listener(ctx);
    return outcome(msgId, ctx, status);
  };

  const raiseEvent = (name: string, params: ReadonlyMap<string, Value>): RunStatus | null => raiseEngineEvent(core, takeWorker(), name, params);

  if (script.routes.startup !== null) runTopLevel(detachedCtx("startup", workers[0]!), script.routes.startup);
  if (options.timers === true) {
    for (const timer of script.routes.timer) {
      const handle = setInterval(() => runTopLevel(detachedCtx("timer", takeWorker()), timer.route), timer.interval * 1000);
      handle.unref();
      timers.push(handle);
    }
  }
  await core.idle();

  return {
    core,
    handleRequest,
    handleMessage,
    raiseEvent,
    idle: () => core.idle(),
    stop: () => timers.forEach(clearInterval),
  };
}
