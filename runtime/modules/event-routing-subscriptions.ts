/**
 * event_routing's subscriptions (ebr_data.c): made by notify_on_event (a notification route run
 * on every matching event until the subscription expires) and wait_for_event (a suspended script
 * resumed by the first matching event, then gone). An event matches when its name does (any case)
 * and every filter whose key names one of its attributes matches that attribute's value (a shell
 * wildcard pattern; an int attribute as its decimal text); filters naming no attribute are
 * ignored. The filters come from the string values of an AVP, `key=value` each.
 */
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import type { RouteFn } from "../script.ts";
import { intOf, textOf } from "../transformations/value-text.ts";
import type { Value } from "../value.ts";
import { fnmatch } from "./permissions-fnmatch.ts";

export interface EventFilter {
  readonly key: string;
  readonly pattern: string;
}

interface Common {
  /** The event name in lower case. */
  readonly event: string;
  readonly filters: readonly EventFilter[];
  /** Seconds on the engine clock after which the subscription is expired. */
  readonly expires: number;
}

export type Subscription =
  | (Common & { readonly kind: "notify"; readonly route: RouteFn })
  | (Common & { readonly kind: "wait"; readonly deliver: (params: ReadonlyMap<string, Value>) => void });

/** The filters held by `avp` (newest value first); bad ones are logged and left out. */
export function filtersOf(ctx: Ctx, avp: Pv, functionName: string): EventFilter[] {
  const filters: EventFilter[] = [];
  for (const value of avp.all?.(ctx) ?? [avp.get(ctx)]) {
    if (typeof value !== "string") continue;
    const eq = value.indexOf("=");
    if (eq < 0) {
      ctx.log(L_ERR, `ERROR:event_routing:${functionName}: filter <${value}> has no key separtor '=', discarding`);
    } else if (eq === value.length - 1) {
      ctx.log(L_ERR, `ERROR:event_routing:${functionName}: filter <${value}> has no value, discarding`);
    } else {
      filters.push({ key: value.slice(0, eq), pattern: value.slice(eq + 1) });
    }
  }
  return filters;
}

function attributeText(value: Value): string | null {
  const int = intOf(value);
  return int !== null ? String(int) : textOf(value);
}

function matches(filters: readonly EventFilter[], params: ReadonlyMap<string, Value>): boolean {
  return filters.every((filter) => {
    const key = filter.key.toLowerCase();
    const found = [...params].find(([name]) => name.toLowerCase() === key);
    if (found === undefined) return true;
    const text = attributeText(found[1]);
    return text !== null && fnmatch(filter.pattern, text);
  });
}

export class EventSubscriptions {
  /** Newest first, as OpenSIPS links them. */
  private list: Subscription[] = [];

  /** Adds `subscription`, dropping the expired ones (so a script that raises no event keeps no more than its live ones). */
  add(subscription: Subscription, nowSeconds: number): void {
    this.list = [subscription, ...this.list.filter((s) => s.expires >= nowSeconds)];
  }

  remove(subscription: Subscription): void {
    this.list = this.list.filter((s) => s !== subscription);
  }

  /**
   * The subscriptions `event` notifies. Expired ones are dropped on the way, and so are the
   * wait subscriptions it matches (one notification each).
   */
  notified(name: string, params: ReadonlyMap<string, Value>, nowSeconds: number): Subscription[] {
    const event = name.toLowerCase();
    const found: Subscription[] = [];
    this.list = this.list.filter((s) => {
      if (s.expires < nowSeconds) return false;
      if (s.event !== event || !matches(s.filters, params)) return true;
      found.push(s);
      return s.kind === "notify";
    });
    return found;
  }
}

const DATA_KEY = "event_routing";

export function subscriptionsOf(engine: EngineCore): EventSubscriptions {
  let data = engine.moduleData.get(DATA_KEY);
  if (!(data instanceof EventSubscriptions)) {
    data = new EventSubscriptions();
    engine.moduleData.set(DATA_KEY, data);
  }
  return data as EventSubscriptions;
}
