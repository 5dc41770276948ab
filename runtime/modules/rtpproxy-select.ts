/**
 * Choosing the node of a set for a call, as OpenSIPS's select_rtpp_node() does: the Call-ID's
 * byte sum (mod 256) picks a node by weight; a disabled node whose recheck time has come is
 * queried again; when the picked node is disabled the call is spread over the enabled ones; when
 * none is enabled every node is queried once more. The chosen node's URL goes to `sock_var`.
 */
import type { Ctx } from "../ctx.ts";
import type { Pv } from "../pv-types.ts";
import { startNodes, testNode } from "./rtpproxy-control.ts";
import { ticks, type Rtpproxy, type RtpproxyNode, type RtpproxySet } from "./rtpproxy-state.ts";

/** Queries a disabled node again when its recheck time has come. */
function recheck(ctx: Ctx, rtpproxy: Rtpproxy, node: RtpproxyNode): void {
  if (!node.disabled || node.recheckAt > ticks(ctx)) return;
  node.disabled = testNode(ctx, rtpproxy, node, true, false);
  if (node.disabled) node.recheckAt = ticks(ctx) + rtpproxy.settings.disableTimeout;
}

function callIdSum(callId: string): number {
  let sum = 0;
  for (const byte of Buffer.from(callId, "utf8")) sum += byte;
  return sum & 0xff;
}

/** The weighted pick among the set's nodes; null when the walk finds no enabled node. */
function pick(set: RtpproxySet, sum: number): RtpproxyNode | null {
  const weightSum = set.nodes.reduce((total, node) => total + (node.disabled ? 0 : node.spec.weight), 0);
  const constantWeightSum = set.nodes.reduce((total, node) => total + node.spec.weight, 0);
  let cut = weightSum > 0 ? sum % constantWeightSum : -1;
  let redistributed = false;
  for (let i = 0; i < set.nodes.length; ) {
    const node = set.nodes[i]!;
    if (cut < node.spec.weight) {
      if (!node.disabled) return node;
      if (!redistributed) {
        cut = weightSum > 0 ? sum % weightSum : -1;
        redistributed = true;
        i = 0;
        continue;
      }
    }
    if (!node.disabled || !redistributed) cut -= node.spec.weight;
    i++;
  }
  return null;
}

/** The node for `callId`; null when none is available. `doTest` queries the chosen node when it is disabled. */
export function selectNode(ctx: Ctx, rtpproxy: Rtpproxy, set: RtpproxySet, callId: string, sockPv: Pv | null, doTest: boolean): RtpproxyNode | null {
  startNodes(ctx, rtpproxy);
  const node = choose(ctx, rtpproxy, set, callId, doTest);
  if (node !== null) sockPv?.assign(ctx, "=", node.spec.url);
  return node;
}

function choose(ctx: Ctx, rtpproxy: Rtpproxy, set: RtpproxySet, callId: string, doTest: boolean): RtpproxyNode | null {
  if (set.nodes.length === 1) {
    const only = set.nodes[0]!;
    recheck(ctx, rtpproxy, only);
    return only.disabled ? null : only;
  }
  const sum = callIdSum(callId);
  let forced = false;
  for (;;) {
    for (const node of set.nodes) recheck(ctx, rtpproxy, node);
    if (set.nodes.every((node) => node.disabled)) {
      if (forced) return null;
      forced = true;
      for (const node of set.nodes) node.disabled = testNode(ctx, rtpproxy, node, true, true);
      continue;
    }
    const node = pick(set, sum);
    if (node === null) return null;
    if (!doTest) return node;
    node.disabled = testNode(ctx, rtpproxy, node, node.disabled, false);
    if (!node.disabled) return node;
  }
}
