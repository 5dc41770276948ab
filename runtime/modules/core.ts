/**
 * The core functions (catalogue module `core`): logging, flags, URI rewriting and the rest.
 * Statements the emitter lowers itself (route, return, exit, drop, async, launch, assert) are
 * not here: see control.ts and driver.ts.
 */
import type { ModuleImpl } from "../functions.ts";
import { EVENT_FUNCTIONS } from "./core-events.ts";
import { FLAG_FUNCTIONS } from "./core-flags.ts";
import { SOCKET_FUNCTIONS } from "./core-sockets.ts";
import { SCRIPT_TRACE } from "../script-trace.ts";
import { LOG_FUNCTIONS } from "./core-log.ts";
import { MISC_FUNCTIONS } from "./core-misc.ts";
import { URI_FUNCTIONS } from "./core-uri.ts";

export const core: ModuleImpl = {
  name: "core",
  functions: new Map([...LOG_FUNCTIONS, ...FLAG_FUNCTIONS, ...URI_FUNCTIONS, ...MISC_FUNCTIONS, ...SOCKET_FUNCTIONS, ...EVENT_FUNCTIONS, ["script_trace", SCRIPT_TRACE]]),
};
