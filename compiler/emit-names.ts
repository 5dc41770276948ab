/**
 * Identifiers of the emitted module. Script names (routes of any kind, including hostile ones
 * such as `__proto__`, `constructor`, `${x}` or `*\/`) are mangled by an injective scheme into
 * identifiers that cannot collide with each other, with the hoisted constants (`pv0`, `fn0`, …)
 * or with a JS keyword, since each carries a fixed prefix.
 */
import type { RouteKind } from "./ast.ts";

const KEPT = /[A-Za-z0-9]/;

/** `[A-Za-z0-9]` stay, `_` becomes `__`, every other code point `_<hex>_`: no two names give the same text. */
export function mangle(name: string): string {
  let out = "";
  for (const ch of name) {
    if (KEPT.test(ch)) out += ch;
    else if (ch === "_") out += "__";
    else out += `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

const ROUTE_PREFIX: Record<RouteKind, string> = {
  request: "route",
  failure: "failure_route",
  onreply: "onreply_route",
  branch: "branch_route",
  error: "error_route",
  local: "local_route",
  startup: "startup_route",
  timer: "timer_route",
  event: "event_route",
};

/**
 * `route` for the main route, `route_credit` for `route[credit]`, `failure_route_missed_2d_call`
 * for `failure_route["missed-call"]`; an unnamed block is the bare prefix, a named one always has
 * `_` after it, so the two never meet.
 */
export function routeFunctionName(kind: RouteKind, name: string | null): string {
  return name === null ? ROUTE_PREFIX[kind] : `${ROUTE_PREFIX[kind]}_${mangle(name)}`;
}
