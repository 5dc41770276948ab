/**
 * Trace events: what running a script did, one object per event in order. The offline
 * environment records them; the `run` command prints them one JSON object per line
 * (`traceLine`). A route without a name (the main route, the global onreply_route,
 * error/local/startup routes) has `name: null`.
 */
import type { EngineEvent } from "./env/types.ts";

export type TraceEvent =
  | EngineEvent
  | { readonly msg: number; readonly event: "log"; readonly level: string; readonly text: string }
  | { readonly msg: number; readonly event: "reply"; readonly code: number; readonly reason: string }
  | { readonly msg: number; readonly event: "relay"; readonly ruri: string; readonly dst: string };

/** One event as a line of JSON (keys in the order the event was built with). */
export function traceLine(event: TraceEvent): string {
  return JSON.stringify(event);
}
