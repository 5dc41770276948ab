/**
 * rtpproxy's module parameters (3.6 names and defaults): the sets (`rtpproxy_sock`, repeatable,
 * and `default_set`), the reply timeout (`rtpproxy_timeout`, seconds as text, default 1),
 * `rtpproxy_retr` (5 sends per command), `rtpproxy_disable_tout` (60 s before a dead proxy is
 * tried again) and `nortpproxy_str` (the SDP line marking a body as already proxied; empty: none).
 */
import type { Script } from "../script.ts";
import { intModParam, modParam, modParamValues } from "./modparams.ts";
import { mergeSets, parseSocketSet, type SetSpec } from "./rtpproxy-sockets.ts";

export interface RtpproxySettings {
  readonly sets: readonly SetSpec[];
  readonly defaultSet: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly disableTimeout: number;
  /** The marker line without its line break; null when `nortpproxy_str` is empty. */
  readonly marker: string | null;
  /** `rtpp_notify_socket`; null when unset (the 'n' and 'd' flags then have no effect). */
  readonly notifySocket: string | null;
}

const MODULE = "rtpproxy";
const DEFAULT_TIMEOUT_MS = 1000;
const DEFAULT_MARKER = "a=nortpproxy:yes";

/** rtpproxy_timeout: `sscanf("%f") * 1000`; the default when it is not a number. */
function timeoutMs(script: Script): number {
  const value = modParam(script, MODULE, "rtpproxy_timeout");
  const seconds = value === undefined ? NaN : Number.parseFloat(String(value));
  return Number.isFinite(seconds) ? Math.trunc(seconds * 1000) : DEFAULT_TIMEOUT_MS;
}

function marker(script: Script): string | null {
  const value = modParam(script, MODULE, "nortpproxy_str");
  const text = String(value ?? DEFAULT_MARKER).replace(/[\r\n]+$/, "");
  return text === "" ? null : text;
}

/** The settings, or why the module cannot start (OpenSIPS then refuses to start). */
export function readSettings(script: Script): RtpproxySettings | string {
  if (modParam(script, MODULE, "db_url") !== undefined) return "loading the rtpproxy sets from a database (db_url) is not supported";
  const defaultSet = intModParam(script, MODULE, "default_set", 0);
  const sets: SetSpec[] = [];
  for (const value of modParamValues(script, MODULE, "rtpproxy_sock")) {
    const set = parseSocketSet(String(value), defaultSet);
    if (typeof set === "string") return set;
    if (set !== null) sets.push(set);
  }
  if (sets.length === 0) return "no rtpproxy set specified";
  const notify = modParam(script, MODULE, "rtpp_notify_socket");
  return {
    sets: mergeSets(sets),
    defaultSet,
    timeoutMs: timeoutMs(script),
    retries: intModParam(script, MODULE, "rtpproxy_retr", 5),
    disableTimeout: intModParam(script, MODULE, "rtpproxy_disable_tout", 60),
    marker: marker(script),
    notifySocket: notify === undefined || String(notify) === "" ? null : String(notify),
  };
}
