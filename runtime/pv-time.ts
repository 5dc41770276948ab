/**
 * Time pseudo-variables (spec §8.3): `$Ts` `$Tsm` `$Tf` `$TS` `$time(format)`, read from the
 * environment's clock so offline runs can fix it.
 */
import { nameSpec, readOnlyPv, resolveName, type Pv, type PvName } from "./pv-types.ts";
import { strftime } from "./strftime.ts";

/** `$Ts` (seconds), `$Tsm` (the microseconds of the current second), `$Tf` (ctime text), `$TS` (start-up). */
export function clockPv(which: "Ts" | "Tsm" | "Tf" | "TS"): Pv {
  return readOnlyPv(`$${which}`, (ctx) => {
    const now = ctx.engine.env.now();
    switch (which) {
      case "Ts":
        return Math.floor(now / 1000);
      case "Tsm":
        return Math.floor((now % 1000) * 1000);
      case "Tf":
        return strftime("%a %b %e %H:%M:%S %Y", new Date(now));
      case "TS":
        return ctx.engine.startTime;
    }
  });
}

/** `$time(format)`: the current local time through strftime. */
export function timePv(format: PvName): Pv {
  return readOnlyPv(`$time(${nameSpec(format)})`, (ctx) => {
    const f = resolveName(ctx, format);
    return f === null ? null : strftime(f, new Date(ctx.engine.env.now()));
  });
}
