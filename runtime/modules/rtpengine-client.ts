/**
 * Sending an ng command to the set's rtpengine, as OpenSIPS's rtpe_function_call() does: the
 * node is picked by Call-ID (or is the one `sock_var` names); a node that does not answer is
 * disabled for rtpengine_disable_tout and the command goes to another node of the set; a reply
 * with an error-reason of the failover list (ran out of ports, load limits… and
 * extra_failover_error) also moves to another node. Any other error reply is the command's
 * reply, as OpenSIPS returns it (rtpengine_delete() and friends then succeed; the offer/answer
 * family checks for `result: ok`). Nodes are pinged before their first use and, once disabled,
 * again when their time is up — what OpenSIPS's start-up and timer probes do.
 */
import { Buffer } from "node:buffer";
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_INFO } from "../log-level.ts";
import type { Pv } from "../pv-types.ts";
import { textOf } from "../transformations/value-text.ts";
import { decodeBencode, dictString, encodeBencode, isBencodeDict, type BencodeDict } from "./rtpengine-bencode.ts";
import { selectNode, type RtpeNode, type RtpeSet } from "./rtpengine-nodes.ts";
import type { Command } from "./rtpengine-request.ts";
import { chosenSet, nextCookie, type Rtpengine } from "./rtpengine-state.ts";
import { udpExchange, type UdpAnswer } from "./rtpengine-udp.ts";

const DEFAULT_FAILOVER_ERRORS = [
  "Parallel session limit reached",
  "Ran out of ports",
  "CPU usage limit exceeded",
  "Load limit exceeded",
  "Bandwidth limit exceeded",
].map((e) => e.toLowerCase());

function logError(ctx: Ctx, fn: string, text: string): void {
  ctx.log(L_ERR, `ERROR:rtpengine:${fn}: ${text}`);
}

function exchange(state: Rtpengine, node: RtpeNode, dict: BencodeDict): UdpAnswer {
  const address = node.address;
  if (address.kind === "invalid") return { ok: false, lines: [address.error, "cannot reconnect RTP engine socket!"] };
  if (address.kind === "unix") return { ok: false, lines: [`can't connect to RTP proxy: UNIX socket ${address.path} is not supported`] };
  const { timeoutMs, attempts } = state.settings;
  return udpExchange({ ...address, cookie: nextCookie(state), payload: encodeBencode(dict), timeoutMs, attempts });
}

/** send_rtpe_command(): the raw reply, or null when the node did not answer (it is then disabled). */
function send(ctx: Ctx, state: Rtpengine, node: RtpeNode, dict: BencodeDict): Uint8Array | null {
  const answer = exchange(state, node, dict);
  if (answer.ok) return answer.reply;
  for (const line of answer.lines) logError(ctx, "send_rtpe_command", line);
  logError(ctx, "send_rtpe_command", `proxy <${node.url}> does not respond, disable it`);
  node.disabled = true;
  node.recheckAt = ctx.engine.env.now() + state.settings.disableMs;
  return null;
}

function decodeDict(raw: Uint8Array): BencodeDict | null {
  const decoded = decodeBencode(raw);
  return decoded.ok && isBencodeDict(decoded.value) ? decoded.value : null;
}

/** rtpe_test(): a ping; the node is enabled when it answers `pong`. */
function ping(ctx: Ctx, state: Rtpengine, node: RtpeNode): void {
  node.tested = true;
  const raw = send(ctx, state, node, new Map([["command", "ping"]]));
  if (raw === null) {
    logError(ctx, "rtpe_test", "proxy did not respond to ping");
    return;
  }
  const reply = decodeDict(raw);
  if (reply === null || dictString(reply, "result") !== "pong") {
    logError(ctx, "rtpe_test", "proxy responded with invalid response");
    node.disabled = true;
    node.recheckAt = ctx.engine.env.now() + state.settings.disableMs;
    return;
  }
  node.disabled = false;
}

/** Pings the nodes never used yet and the disabled ones whose time is up. */
function probe(ctx: Ctx, state: Rtpengine, set: RtpeSet): void {
  const now = ctx.engine.env.now();
  for (const node of set.nodes) if (!node.tested || (node.disabled && node.recheckAt <= now)) ping(ctx, state, node);
}

function isFailoverError(state: Rtpengine, reason: string): boolean {
  return DEFAULT_FAILOVER_ERRORS.includes(reason.toLowerCase()) || state.settings.failoverErrors.some((re) => re.test(reason));
}

/** The error path of rtpe_function_call(): `err` is logged; error_pv gets it, or the proxy's error-reason. */
export function commandFailed(ctx: Ctx, state: Rtpengine, err: string | null, reason = ""): null {
  if (err !== null) logError(ctx, "rtpe_function_call", err);
  const text = err ?? reason;
  if (text !== "") state.settings.errorPv?.assign(ctx, "=", text);
  return null;
}

export interface Target {
  /** The set to use; null: the one the message chose, else set 0. */
  readonly set?: RtpeSet | null;
  /** sock_var: a node URL to use (when it holds one), and where the chosen node's URL goes. */
  readonly sockPv: Pv | null;
}

function nodeFor(ctx: Ctx, set: RtpeSet | null, wanted: string, command: Command, ignored: ReadonlySet<RtpeNode>): RtpeNode | null | "unknown" {
  if (set === null) {
    logError(ctx, "select_rtpe_node", "script error -no valid set selected");
    return null;
  }
  if (wanted === "") return selectNode(set, command.callId, ignored);
  const node = set.nodes.find((n) => n.url === wanted);
  if (node === undefined) return "unknown";
  return ignored.has(node) ? null : node;
}

/**
 * Sends `command` and returns the reply dictionary (which may be an error result); null, logged,
 * when no node gave a usable reply.
 */
export function sendCommand(ctx: Ctx, state: Rtpengine, command: Command, target: Target): BencodeDict | null {
  const set = target.set ?? chosenSet(ctx) ?? state.sets.find((s) => s.id === 0) ?? null;
  const wanted = target.sockPv === null ? "" : (textOf(target.sockPv.get(ctx)) ?? "");
  if (set !== null) probe(ctx, state, set);
  const ignored = new Set<RtpeNode>();
  let failed: RtpeNode | null = null;
  let err: string | null = null;
  let reason = "";
  for (;;) {
    const node = nodeFor(ctx, set, wanted, command, ignored);
    // A sock_var naming no node of the set fails quietly, as in OpenSIPS.
    if (node === "unknown") return commandFailed(ctx, state, null);
    if (node === null) return commandFailed(ctx, state, err ?? (reason === "" ? "no available proxies" : null), reason);
    const raw = send(ctx, state, node, command.dict);
    const reply = raw === null ? null : decodeDict(raw);
    if (raw !== null && reply === null) {
      logError(ctx, "rtpe_function_call", `failed to decode bencoded reply from proxy: ${Buffer.from(raw).toString("utf8")}`);
      err = "failed to decode bencoded reply";
    }
    if (reply !== null) {
      if (dictString(reply, "result") !== "error") return answered(ctx, target, node, reply);
      const given = dictString(reply, "error-reason");
      if (given === null) logError(ctx, "rtpe_function_call", `proxy return error but didn't give an error reason: ${Buffer.from(raw!).toString("utf8")}`);
      else logError(ctx, "rtpe_function_call", `proxy replied with error: ${given}`);
      reason = given ?? "";
      if (!isFailoverError(state, reason)) return answered(ctx, target, node, reply);
      ctx.log(L_INFO, `INFO:rtpengine:rtpe_add_ignore_node: temporary ignoring ${node.url} node for this attempt`);
      ignored.add(node);
      continue;
    }
    // A node failing twice in a row is left out for this command.
    if (node === failed) {
      ignored.add(node);
      failed = null;
    } else {
      failed = node;
    }
  }
}

function answered(ctx: Ctx, target: Target, node: RtpeNode, reply: BencodeDict): BencodeDict {
  target.sockPv?.assign(ctx, "=", node.url);
  return reply;
}

/** rtpe_function_call_ok(): the reply when its result is `ok`; null (logged) otherwise. */
export function sendCommandOk(ctx: Ctx, state: Rtpengine, command: Command, target: Target): BencodeDict | null {
  const reply = sendCommand(ctx, state, command, target);
  if (reply === null) return null;
  if (dictString(reply, "result") !== "ok") {
    logError(ctx, "rtpe_function_call_ok", 'proxy didn\'t return "ok" result');
    return null;
  }
  return reply;
}
