/**
 * The tracer's engine-wide state, read from its parameters once (mod_init): the trace ids and
 * their destinations (a repeated identical destination counts once), the `sip_trace` columns,
 * `trace_local_ip`, `trace_on` and the sessions being followed.
 */
import type { EngineCore } from "../engine-core.ts";
import { levelName, L_ERR } from "../log-level.ts";
import { tmEngine } from "../tm/state.ts";
import { intModParam, modParam, modParamValues } from "./modparams.ts";
import { parseLocalAddress, parseTraceId, type LocalAddress, type TraceDestination } from "./tracer-ids.ts";
import { traceOutput, type TraceOutput } from "./tracer-output.ts";
import { TraceSessions } from "./tracer-sessions.ts";

export interface TracerState {
  readonly ids: ReadonlyMap<string, readonly TraceDestination[]>;
  readonly output: TraceOutput;
  readonly localIp: LocalAddress | null;
  /** `trace_on`: 0 turns every trace() into a no-op that succeeds. */
  readonly traceOn: boolean;
  readonly sessions: TraceSessions;
}

const DATA_KEY = "tracer";

function traceIds(engine: EngineCore): Map<string, TraceDestination[]> {
  const ids = new Map<string, TraceDestination[]>();
  for (const value of modParamValues(engine.script, "tracer", "trace_id")) {
    const parsed = parseTraceId(String(value));
    if (typeof parsed === "string") {
      engine.env.log({ msg: 0, level: levelName(L_ERR), text: `ERROR:tracer:parse_trace_id: failed to parse tracer uri [${String(value).trim()}]: ${parsed}` });
      continue;
    }
    const destinations = ids.get(parsed.name) ?? [];
    const key = JSON.stringify(parsed.destination);
    if (!destinations.some((d) => JSON.stringify(d) === key)) destinations.push(parsed.destination);
    ids.set(parsed.name, destinations);
  }
  return ids;
}

export function initTracerState(engine: EngineCore): TracerState {
  const tm = tmEngine(engine);
  const localIp = modParam(engine.script, "tracer", "trace_local_ip");
  const state: TracerState = {
    ids: traceIds(engine),
    output: traceOutput(engine),
    localIp: localIp === undefined || String(localIp) === "" ? null : parseLocalAddress(String(localIp)),
    traceOn: intModParam(engine.script, "tracer", "trace_on", 1) !== 0,
    // tm reads its timers in its own init, which may come after this one.
    sessions: new TraceSessions({
      get waitSeconds() {
        return tm.waitSeconds;
      },
      get maxSeconds() {
        return tm.frInvTimeout + tm.waitSeconds;
      },
    }),
  };
  engine.moduleData.set(DATA_KEY, state);
  return state;
}

export function tracerState(engine: EngineCore): TracerState | null {
  return (engine.moduleData.get(DATA_KEY) as TracerState | undefined) ?? null;
}
