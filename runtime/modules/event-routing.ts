/**
 * event_routing (EBR): scripts subscribe to events of the Event Interface (raised by
 * `engine.raiseEvent` or the script's raise_event) with AVP filters (event-routing-subscriptions.ts).
 *
 * - notify_on_event(event, $avp(filter), route, timeout): 1; for `timeout` seconds, every matching
 *   event runs the request route `route` — after the raising run, in the raising worker — on a
 *   dummy message whose only AVPs are the event's attributes (`$avp(name)`); nothing else of the
 *   subscriber is inherited.
 * - wait_for_event(event, $avp(filter), timeout), async only: the script suspends until the first
 *   matching event, and the resume route runs with `$rc` 1 and the event's attributes pushed onto
 *   the transaction's AVPs; when `timeout` seconds pass first, `$rc` is -2 (as the module's
 *   blocking form documents; no attributes). An async() timeout (`$rc` -1) ends the subscription too.
 *
 * Not served: the subscriber's transaction id in notification routes (for t_inject_branches,
 * which the runtime does not have); a blocking wait_for_event (the same thread raises the event).
 */
import { intArg, pvArg, textArg } from "../args.ts";
import { Ctx, type Worker } from "../ctx.ts";
import { runTopLevel } from "../driver.ts";
import { dummyMessage } from "../dummy-message.ts";
import type { EngineCore, RaisedEvent } from "../engine-core.ts";
import { DETACHED_PEER } from "../events.ts";
import type { Arg, AsyncDone, FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { MessageState } from "../message-state.ts";
import type { AvpStore } from "../avp.ts";
import type { RouteFn } from "../script.ts";
import type { Value } from "../value.ts";
import { filtersOf, subscriptionsOf, type EventFilter, type Subscription } from "./event-routing-subscriptions.ts";

/** raise_event's nameless attributes are keyed by position: they make no AVP, as in OpenSIPS. */
const POSITIONAL = /^[0-9]+$/;

/** The event's attributes as AVPs, in order (the last one of a repeated name on top). */
function pushAttributes(avps: AvpStore, params: ReadonlyMap<string, Value>): void {
  for (const [name, value] of params) if (value !== null && !POSITIONAL.test(name)) avps.push(name, value);
}

function nowSeconds(engine: EngineCore): number {
  return Math.floor(engine.env.now() / 1000);
}

interface Request {
  readonly event: string;
  readonly filters: readonly EventFilter[];
  readonly timeout: number;
}

/** The event, filters and timeout of a call; null (logged) when one is missing. */
function requestOf(ctx: Ctx, functionName: string, eventArg: Arg, filterArg: Arg, timeoutArg: Arg): Request | null {
  const event = textArg(eventArg);
  const avp = pvArg(filterArg);
  const timeout = intArg(timeoutArg);
  if (event === null || event === "" || avp === null || timeout === null) {
    ctx.log(L_ERR, `ERROR:event_routing:${functionName}: bad parameters (event name, filter AVP and timeout are required)`);
    return null;
  }
  return { event: event.toLowerCase(), filters: filtersOf(ctx, avp, functionName), timeout };
}

function notifyOnEvent(ctx: Ctx, [eventArg, filterArg, routeArg, timeoutArg]: readonly Arg[]): number {
  const routeName = textArg(routeArg) ?? "";
  const route = ctx.engine.script.routes.request.get(routeName);
  if (route === undefined || routeName === "") {
    ctx.log(L_ERR, `ERROR:event_routing:notify_on_event: notification route <${routeName}> not defined in script`);
    return -1;
  }
  const request = requestOf(ctx, "notify_on_event", eventArg, filterArg, timeoutArg);
  if (request === null) return -1;
  const now = nowSeconds(ctx.engine);
  subscriptionsOf(ctx.engine).add({ kind: "notify", event: request.event, filters: request.filters, expires: now + request.timeout, route }, now);
  return 1;
}

/** The notification route, once the raising run is over (OpenSIPS hands it over by IPC). */
function notify(engine: EngineCore, worker: Worker, route: RouteFn, params: ReadonlyMap<string, Value>): void {
  const later = new Promise<void>((resolve) => setImmediate(resolve));
  engine.track(
    later.then(() => {
      const ctx = new Ctx(engine, worker, 0, "request", new MessageState(dummyMessage(), DETACHED_PEER), null);
      pushAttributes(ctx.state.avps, params);
      runTopLevel(ctx, route);
    }),
  );
}

const TIMED_OUT = -2;

function waitForEvent(ctx: Ctx, [eventArg, filterArg, timeoutArg]: readonly Arg[], signal: AbortSignal): Promise<number | AsyncDone> | number {
  const request = requestOf(ctx, "wait_for_event", eventArg, filterArg, timeoutArg);
  if (request === null) return -1;
  const subscriptions = subscriptionsOf(ctx.engine);
  const now = nowSeconds(ctx.engine);
  return new Promise((resolve) => {
    const subscription: Subscription = {
      kind: "wait",
      event: request.event,
      filters: request.filters,
      expires: now + request.timeout,
      deliver: (params) => {
        clearTimeout(timer);
        resolve({ code: 1, write: (resumed) => pushAttributes(resumed.state.avps, params) });
      },
    };
    const timer = setTimeout(() => {
      subscriptions.remove(subscription);
      resolve(TIMED_OUT);
    }, Math.max(0, request.timeout) * 1000);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      subscriptions.remove(subscription);
    });
    subscriptions.add(subscription, now);
  });
}

function onEvent(engine: EngineCore, event: RaisedEvent): void {
  for (const subscription of subscriptionsOf(engine).notified(event.name, event.params, nowSeconds(engine))) {
    if (subscription.kind === "notify") notify(engine, event.worker, subscription.route, event.params);
    else subscription.deliver(event.params);
  }
}

export const eventRouting: ModuleImpl = {
  name: "event_routing",
  functions: new Map<string, FunctionImpl>([
    ["notify_on_event", { call: notifyOnEvent }],
    [
      "wait_for_event",
      {
        call: (ctx) => {
          ctx.log(L_ERR, "ERROR:event_routing:wait_for_event: can only wait under async() in a route that can suspend");
          return -1;
        },
        start: waitForEvent,
      },
    ],
  ]),
  init(engine) {
    engine.eventListeners.push((event) => onEvent(engine, event));
  },
};
