/**
 * rtpengine's module parameters: rtpengine_tout (seconds to wait for a reply, default 1),
 * rtpengine_retr (sends before giving up, default 5), rtpengine_disable_tout (seconds a silent
 * node stays disabled, default 60), extra_id_pv (the format behind `via-branch=extra`),
 * setid_avp (an AVP holding the set to use), error_pv (a variable given the failure's reason)
 * and extra_failover_error (more error-reason EREs that make the module try another node).
 * The node list is rtpengine-nodes.ts's. A malformed parameter, which stops OpenSIPS at
 * start-up, is the error text returned.
 */
import type { EngineCore } from "../engine-core.ts";
import type { Format } from "../format.ts";
import type { Pv } from "../pv-types.ts";
import { compileEre } from "../regex.ts";
import { avpNameOf, formatFromText, pvFromSpec } from "./dispatcher-pv-text.ts";
import { intModParam, modParam, modParamValues } from "./modparams.ts";

export const MODULE = "rtpengine";

export interface RtpengineSettings {
  /** How long one send waits for its reply. */
  readonly timeoutMs: number;
  /** How many times a command is sent before the node counts as not responding. */
  readonly attempts: number;
  /** How long a node that did not respond stays disabled. */
  readonly disableMs: number;
  readonly extraId: Format | null;
  /** The name of the setid AVP; null when not configured. */
  readonly setIdAvp: string | null;
  readonly errorPv: Pv | null;
  /** extra_failover_error, compiled (REG_EXTENDED|REG_ICASE|REG_NEWLINE). */
  readonly failoverErrors: readonly RegExp[];
}

function textParam(engine: EngineCore, name: string): string | null {
  const value = modParam(engine.script, MODULE, name);
  return value === undefined || value === "" ? null : String(value);
}

function failoverErrors(engine: EngineCore): RegExp[] | string {
  const compiled: RegExp[] = [];
  for (const value of modParamValues(engine.script, MODULE, "extra_failover_error")) {
    const text = String(value);
    if (text === "") continue;
    const re = compileEre(text, { ignoreCase: true, newlineSensitive: true }).re;
    if (re === null) return `could not compile regex [${text}]`;
    compiled.push(re);
  }
  return compiled;
}

export function readSettings(engine: EngineCore): RtpengineSettings | string {
  const extraIdText = textParam(engine, "extra_id_pv");
  const extraId = extraIdText === null ? null : formatFromText(engine.modules, extraIdText);
  if (typeof extraId === "string") return `malformed PV string: ${extraIdText}`;
  const setIdText = textParam(engine, "setid_avp");
  const setIdAvp = setIdText === null ? null : avpNameOf(setIdText);
  if (setIdText !== null && setIdAvp === null) return `malformed or non AVP definition <${setIdText}>`;
  const errorText = textParam(engine, "error_pv");
  const errorPv = errorText === null ? null : pvFromSpec(engine.modules, errorText);
  if (typeof errorPv === "string") return `malformed return variable definition <${errorText}>`;
  const failover = failoverErrors(engine);
  if (typeof failover === "string") return failover;
  return {
    timeoutMs: Math.max(0, intModParam(engine.script, MODULE, "rtpengine_tout", 1)) * 1000,
    attempts: Math.max(0, intModParam(engine.script, MODULE, "rtpengine_retr", 5)),
    disableMs: intModParam(engine.script, MODULE, "rtpengine_disable_tout", 60) * 1000,
    extraId,
    setIdAvp,
    errorPv,
    failoverErrors: failover,
  };
}
