/**
 * One offline run of a compiled script over SIP messages (`opensips-ts run`, the behaviour
 * goldens, the demo): each message is delivered as if received from `source`, one at a time — the
 * next one when the previous one is finished, or after `gapMs` while it is still suspended on
 * async I/O; relayed requests are answered by the simulated downstream; at the end the run waits
 * for every suspended transaction. Returns the trace, messages numbered from 1 in delivery order
 * (replies from downstream count as part of the request they answer).
 */
import type { createEngine, Engine, OfflineEnvironment, Peer, Script } from "../runtime/index.ts";
import { fixSipText } from "../runtime/sip/fixup.ts";
import { withDatabase } from "./database-override.ts";
import { Downstream } from "./run-downstream.ts";
import { RunEnvironment } from "./run-environment.ts";
import type { RunEvent } from "./run-trace.ts";

/** The runtime the script was compiled against (its module instance: the script and the engine must share it). */
export interface RuntimeApi {
  readonly createEngine: typeof createEngine;
  readonly OfflineEnvironment: typeof OfflineEnvironment;
}

export interface SipInput {
  /** The file it came from (for messages about it). */
  readonly name: string;
  readonly text: string;
}

export interface RunOptions {
  readonly source: Peer;
  /** Per relayed request, in order, the reply codes downstream sends. */
  readonly upstreamReplies: readonly (readonly number[])[];
  readonly gapMs: number;
  /** Replaces the `db_url` of sqlops and avpops. */
  readonly dbUrl?: string | null;
}

export const DEFAULT_SOURCE: Peer = { proto: "udp", ip: "127.0.0.1", port: 5060 };
export const DEFAULT_GAP_MS = 1000;

export async function runSession(runtime: RuntimeApi, script: Script, inputs: readonly SipInput[], options: RunOptions): Promise<RunEvent[]> {
  const env = new RunEnvironment(new runtime.OfflineEnvironment());
  const display = new Map<number, number>();
  const downstream = new Downstream(
    options.upstreamReplies.map((codes) => [...codes]),
    async (text, from, forMsg) => {
      const handled = await engine.handleMessage(text, from);
      display.set(handled.msg, display.get(forMsg) ?? forMsg);
    },
  );
  env.onRelay = (request) => downstream.onRelay(request);
  const engine: Engine = await runtime.createEngine(options.dbUrl ? withDatabase(script, options.dbUrl) : script, env);
  for (const [index, input] of inputs.entries()) {
    const handled = await engine.handleMessage(fixSipText(input.text), options.source);
    display.set(handled.msg, index + 1);
    if (handled.status === "invalid") env.event({ msg: handled.msg, event: "error", text: `${input.name}: not a SIP message: ${handled.error ?? ""}` });
    await Promise.race([settled(engine, downstream), delay(options.gapMs)]);
  }
  await settled(engine, downstream);
  engine.stop();
  return env.trace((msg) => display.get(msg) ?? msg);
}

/** Until neither the engine nor downstream has work left (each may start work for the other). */
async function settled(engine: Engine, downstream: Downstream): Promise<void> {
  do {
    await downstream.idle();
    await engine.idle();
  } while (downstream.busy);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

