/**
 * Raising an event of OpenSIPS's Event Interface (engine.raiseEvent, the script's raise_event):
 * the script's event_route[name] runs on the dummy message with the attributes as `$param(name)`,
 * then every engine event listener (event_routing's subscriptions) hears the event.
 */
import { Ctx, type Worker } from "./ctx.ts";
import { runTopLevel, type RunStatus } from "./driver.ts";
import { dummyMessage } from "./dummy-message.ts";
import type { EngineCore } from "./engine-core.ts";
import { MessageState } from "./message-state.ts";
import type { Value } from "./value.ts";

/** The source of the dummy message of runs without a received one. */
export const DETACHED_PEER = { proto: "udp", ip: "127.0.0.1", port: 5060 } as const;

/** The event_route's status (null when the script has none for `name`). */
export function raiseEvent(engine: EngineCore, worker: Worker, name: string, params: ReadonlyMap<string, Value>): RunStatus | null {
  const route = engine.script.routes.event.get(name);
  let status: RunStatus | null = null;
  if (route !== undefined) {
    const ctx = new Ctx(engine, worker, 0, "event", new MessageState(dummyMessage(), DETACHED_PEER), null);
    ctx.eventParams = params;
    status = runTopLevel(ctx, route);
  }
  for (const listener of engine.eventListeners) listener({ name, params, worker });
  return status;
}
