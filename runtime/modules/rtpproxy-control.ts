/**
 * Talking to one rtpproxy node, as OpenSIPS's send_rtpp_command() and rtpp_test() do. A command
 * that gets no reply disables the node for `rtpproxy_disable_tout` seconds. A node is usable once
 * it answers `V` with protocol 20040107 and supports 20050322; its optional capabilities are
 * asked with `VF <version>` then.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_INFO, L_WARN } from "../log-level.ts";
import { controlExchange } from "./rtpproxy-blocking.ts";
import { CAPABILITIES, ticks, type Capability, type Rtpproxy, type RtpproxyNode } from "./rtpproxy-state.ts";

const SUPPORTED_PROTOCOL = 20040107;
const REQUIRED_PROTOCOL = "20050322";

/** Marks `node` unusable until the disable timeout has passed. */
export function disableNode(ctx: Ctx, rtpproxy: Rtpproxy, node: RtpproxyNode): void {
  node.disabled = true;
  node.recheckAt = ticks(ctx) + rtpproxy.settings.disableTimeout;
}

/** Sends `command` (the text after the cookie) and returns the reply; null (logged, node disabled) when there is none. */
export function sendCommand(ctx: Ctx, rtpproxy: Rtpproxy, node: RtpproxyNode, command: string): string | null {
  const { mode, host, port, url } = node.spec;
  const datagram = mode === "udp" || mode === "udp6";
  const cookie = datagram ? `${rtpproxy.cookiePrefix}${rtpproxy.sequence++}` : null;
  const text = cookie === null ? (mode === "unix" ? command : `${command}\n`) : `${cookie} ${command}`;
  const { timeoutMs, retries } = rtpproxy.settings;
  const answer = controlExchange({ mode, host, port, text, cookie, timeoutMs, tries: datagram ? retries : 1 });
  if (answer.ok) return answer.reply;
  ctx.log(L_ERR, `ERROR:rtpproxy:send_rtpp_command: ${answer.error}`);
  ctx.log(L_ERR, `ERROR:rtpproxy:send_rtpp_command: proxy <${url}> does not respond, disable it`);
  disableNode(ctx, rtpproxy, node);
  return null;
}

/** rtpp_get_error(): the code of an `E<code>` reply, 0 for any other reply, -1 for a malformed error. */
export function replyError(reply: string): number {
  if (!reply.startsWith("E")) return 0;
  const code = reply.slice(1).trim();
  return /^[+-]?[0-9]+$/.test(code) ? Number(code) : -1;
}

/** `VF <version>`: 1 supported, 0 not, -1 no answer. */
function checkCapability(ctx: Ctx, rtpproxy: Rtpproxy, node: RtpproxyNode, version: string): number {
  const reply = sendCommand(ctx, rtpproxy, node, `VF ${version}`);
  if (reply === null) return -1;
  return reply.startsWith("E") || Number.parseInt(reply, 10) !== 1 ? 0 : 1;
}

/** The version queries of rtpp_test(); true when the node is usable. */
function queryNode(ctx: Ctx, rtpproxy: Rtpproxy, node: RtpproxyNode, force: boolean): boolean {
  const url = node.spec.url;
  const version = sendCommand(ctx, rtpproxy, node, "V");
  if (version === null) {
    ctx.log(L_WARN, "WARNING:rtpproxy:rtpp_test: can't get version of the RTP proxy");
    return false;
  }
  const present = Number.parseInt(version, 10);
  if (present !== SUPPORTED_PROTOCOL) {
    ctx.log(L_WARN, `WARNING:rtpproxy:rtpp_test: unsupported version of RTP proxy <${url}> found: ${SUPPORTED_PROTOCOL} supported,${present} present`);
    return false;
  }
  const required = checkCapability(ctx, rtpproxy, node, REQUIRED_PROTOCOL);
  if (required <= 0) {
    const why = required < 0 ? "RTP proxy went down during version query" : `of RTP proxy <${url}> doesn't support required protocol version${REQUIRED_PROTOCOL}`;
    ctx.log(L_WARN, `WARNING:rtpproxy:rtpp_test: ${why}`);
    return false;
  }
  ctx.log(L_INFO, `INFO:rtpproxy:rtpp_test: rtp proxy <${url}> found, support for it ${force ? "" : "re-"}enabled`);
  const capabilities = new Set<Capability>();
  for (const [name, capabilityVersion] of Object.entries(CAPABILITIES) as [Capability, string][]) {
    if (checkCapability(ctx, rtpproxy, node, capabilityVersion) > 0) capabilities.add(name);
  }
  node.capabilities = capabilities;
  return true;
}

/**
 * rtpp_test(node, isDisabled, force): whether the node is disabled afterwards. Without `force`, an
 * enabled node is not queried, nor a disabled one before its recheck time.
 */
export function testNode(ctx: Ctx, rtpproxy: Rtpproxy, node: RtpproxyNode, isDisabled: boolean, force: boolean): boolean {
  if (!force && (!isDisabled || node.recheckAt > ticks(ctx))) return isDisabled;
  if (queryNode(ctx, rtpproxy, node, force)) return false;
  const { disableTimeout } = rtpproxy.settings;
  ctx.log(L_WARN, `WARNING:rtpproxy:rtpp_test: support for RTP proxy <${node.spec.url}> has been disabled${disableTimeout < 0 ? "" : " temporarily"}`);
  if (disableTimeout >= 0) node.recheckAt = ticks(ctx) + disableTimeout;
  return true;
}

/** child_init: every node is queried once, before the first command. */
export function startNodes(ctx: Ctx, rtpproxy: Rtpproxy): void {
  if (rtpproxy.started) return;
  rtpproxy.started = true;
  for (const set of rtpproxy.sets.values()) {
    for (const node of set.nodes) node.disabled = testNode(ctx, rtpproxy, node, false, true);
  }
}
