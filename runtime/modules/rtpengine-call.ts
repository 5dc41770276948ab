/**
 * What every rtpengine_* function does around its command: the set named by setid_avp (when
 * configured and set) becomes the message's set, the command is built from the message and the
 * flags, then sent (rtpengine-client.ts). `runSimple` is OpenSIPS's rtpe_function_call_simple(),
 * behind delete, the recording, blocking and forwarding functions: 1 once a node answered.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { commandFailed, sendCommand, sendCommandOk } from "./rtpengine-client.ts";
import type { BencodeDict } from "./rtpengine-bencode.ts";
import type { RtpeOperation } from "./rtpengine-flags.ts";
import { prepareCommand, type CommandInput } from "./rtpengine-request.ts";
import { cacheStats, chooseSet, rtpengineFor, type Rtpengine } from "./rtpengine-state.ts";

/** set_rtpengine_set_from_avp(): false (logged) when the AVP holds text or an unknown set. */
function applySetIdAvp(ctx: Ctx, state: Rtpengine): boolean {
  const avp = state.settings.setIdAvp;
  const value = avp === null ? null : ctx.state.avps.top(avp);
  if (value === null) return true;
  if (typeof value !== "number") {
    ctx.log(L_ERR, "ERROR:rtpengine:set_rtpengine_set_from_avp: setid_avp must hold an integer value");
    return false;
  }
  const set = state.sets.find((s) => s.id === value);
  if (set === undefined) {
    ctx.log(L_ERR, `ERROR:rtpengine:set_rtpengine_set_from_avp: could not locate rtpengine set ${value}`);
    return false;
  }
  chooseSet(ctx, set);
  return true;
}

/** The module's state for a call of `fn`, with setid_avp applied; null (logged) when the call cannot go on. */
export function startCall(ctx: Ctx, fn: string): Rtpengine | null {
  const state = rtpengineFor(ctx, fn);
  return state !== null && applySetIdAvp(ctx, state) ? state : null;
}

/** Builds and sends a command; `ok` requires `result: ok` in the reply. Null (logged) on failure. */
export function runCommand(ctx: Ctx, state: Rtpengine, input: CommandInput, sockPv: Pv | null, ok: boolean): BencodeDict | null {
  const prepared = prepareCommand(ctx, input, state.settings);
  if (!prepared.ok) {
    if (prepared.flagError !== undefined) ctx.log(L_ERR, `ERROR:rtpengine:parse_flags: ${prepared.flagError}`);
    return commandFailed(ctx, state, prepared.error);
  }
  const target = { sockPv };
  return ok ? sendCommandOk(ctx, state, prepared.command, target) : sendCommand(ctx, state, prepared.command, target);
}

/** rtpe_function_call_simple(): a delete keeps its reply for $rtpstat. */
export function runSimple(ctx: Ctx, fn: string, op: RtpeOperation, flags: string | null, sockPv: Pv | null): number {
  const state = startCall(ctx, fn);
  if (state === null) return -1;
  const reply = runCommand(ctx, state, { op, flags }, sockPv, false);
  if (reply === null) return -1;
  if (op === "delete") cacheStats(ctx, reply);
  return 1;
}
