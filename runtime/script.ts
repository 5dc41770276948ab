/**
 * What an emitted module exports: `export default rt.defineScript({...})` (see
 * /work/notes/runtime-api.md). Route tables are Maps so that no route name can reach a prototype.
 */
import type { Ctx } from "./ctx.ts";
import type { AsyncRequest } from "./suspend.ts";

/** A route's generator: yields async requests, returns the route's return code. */
export type RouteGen = Generator<AsyncRequest, number, number>;
export type RouteFn = (ctx: Ctx) => RouteGen;

export type RouteKind = "request" | "failure" | "onreply" | "branch" | "error" | "local" | "startup" | "timer" | "event";

export type ScriptTarget = "2.4" | "3.4" | "3.6";

export interface ScriptModParam {
  readonly module: string;
  readonly param: string;
  readonly value: string | number;
}

export interface ScriptGlobal {
  readonly name: string;
  readonly value: string | number;
}

export interface ScriptSocket {
  readonly proto: string | null;
  readonly host: string;
  readonly port: number | null;
  /** The socket definition as written (`udp:127.0.0.1:5060`). */
  readonly text: string;
}

export interface ScriptTimer {
  readonly name: string;
  /** Seconds between runs. */
  readonly interval: number;
  readonly route: RouteFn;
}

export interface ScriptRoutes {
  /** `""` is the main route; the others are `route[NAME]`. */
  readonly request: ReadonlyMap<string, RouteFn>;
  readonly failure: ReadonlyMap<string, RouteFn>;
  /** `""` is the global `onreply_route`. */
  readonly onreply: ReadonlyMap<string, RouteFn>;
  readonly branch: ReadonlyMap<string, RouteFn>;
  readonly event: ReadonlyMap<string, RouteFn>;
  readonly error: RouteFn | null;
  readonly local: RouteFn | null;
  readonly startup: RouteFn | null;
  readonly timer: readonly ScriptTimer[];
}

export interface Script {
  /** The main `.cfg` file. */
  readonly file: string;
  readonly target: ScriptTarget;
  /** Loaded modules, in `loadmodule` order. */
  readonly modules: readonly string[];
  readonly modparams: readonly ScriptModParam[];
  readonly globals: readonly ScriptGlobal[];
  readonly sockets: readonly ScriptSocket[];
  readonly routes: ScriptRoutes;
}

/** The emitted module's default export. */
export function defineScript(script: Script): Script {
  return Object.freeze(script);
}

/** The value of the last assignment of global parameter `name`, or undefined. */
export function globalValue(script: Script, name: string): string | number | undefined {
  let value: string | number | undefined;
  for (const g of script.globals) if (g.name === name) value = g.value;
  return value;
}
