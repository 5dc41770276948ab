/**
 * raise_event(event[, $avp(values)]) / raise_event(event, $avp(names), $avp(values)): raises an
 * event of the Event Interface from the script (evi_raise_script_event). With two AVPs the
 * attribute names and values pair up (both newest first; a count mismatch or a name that is not a
 * string is an error); with one, its values are nameless attributes (`$param(1)` …). The event is
 * dispatched once the current run is over — event_route[event] and event_routing's subscribers —
 * as OpenSIPS runs event routes apart from the raising processing. 1, or -1 for bad attributes.
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import { raiseEvent } from "../events.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import type { Value } from "../value.ts";

function valuesOf(ctx: Ctx, avp: Pv): Value[] {
  return avp.all?.(ctx) ?? [avp.get(ctx)];
}

/** The event's attributes; a string saying why they are wrong. */
function attributesOf(ctx: Ctx, names: Pv | null, values: Pv): Map<string, Value> | string {
  const vals = valuesOf(ctx, values);
  const params = new Map<string, Value>();
  if (names === null) {
    vals.forEach((value, i) => params.set(String(i + 1), value));
    return params;
  }
  const keys = valuesOf(ctx, names);
  if (keys.length < vals.length) return "missing attribute for the value";
  if (keys.length > vals.length) return "too many attributes";
  for (const [i, key] of keys.entries()) {
    if (typeof key !== "string") return "attribute name must be a string";
    if (!params.has(key)) params.set(key, vals[i]!);
  }
  return params;
}

const raiseEventImpl: FunctionImpl = {
  call(ctx, [eventArg, first, second]) {
    const name = textArg(eventArg);
    if (name === null || name === "") {
      ctx.log(L_ERR, "ERROR:core:raise_event: no event name");
      return -1;
    }
    const values = pvArg(second) ?? pvArg(first);
    const names = pvArg(second) === null ? null : pvArg(first);
    const params = values === null ? new Map<string, Value>() : attributesOf(ctx, names, values);
    if (typeof params === "string") {
      ctx.log(L_ERR, `ERROR:core:evi_raise_script_event: ${params}`);
      return -1;
    }
    const { engine, worker } = ctx;
    const later = new Promise<void>((resolve) => setImmediate(resolve));
    engine.track(later.then(() => void raiseEvent(engine, worker, name, params)));
    return 1;
  },
};

export const EVENT_FUNCTIONS: [string, FunctionImpl][] = [["raise_event", raiseEventImpl]];
