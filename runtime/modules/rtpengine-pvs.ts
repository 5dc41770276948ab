/**
 * $rtpstat, $rtpstat(name) and $rtpquery: statistics of the message's call from rtpengine. The
 * reply of the message's rtpengine_delete() is used when there is one; otherwise a `query`
 * command is sent once per message and its reply (or its failure) kept for the other reads.
 * A failed query, an unknown statistic or a reply without the statistic reads as NULL. The
 * `[tag]` index of OpenSIPS (one party's SSRCs) is not supported: the parser takes numeric
 * indexes only.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import { readOnlyPv, resolveName, type Pv, type PvName } from "../pv-types.ts";
import type { Value } from "../value.ts";
import type { BencodeDict } from "./rtpengine-bencode.ts";
import { runCommand } from "./rtpengine-call.ts";
import { cachedStats, cacheStats, rtpengineFor } from "./rtpengine-state.ts";
import { parseStatName, replyJson, statValue, totalsLine } from "./rtpengine-stats.ts";

/** rtpe_fetch_stats(): the message's statistics reply; null when the query failed (now or before). */
function fetchStats(ctx: Ctx): BencodeDict | null {
  const cached = cachedStats(ctx);
  if (cached !== undefined) return cached;
  const state = rtpengineFor(ctx, "pv_get_rtpstat_f");
  const reply = state === null ? null : runCommand(ctx, state, { op: "query", flags: null }, null, true);
  cacheStats(ctx, reply);
  return reply;
}

function statistic(ctx: Ctx, name: PvName): Value {
  const text = resolveName(ctx, name) ?? "";
  const stat = parseStatName(text);
  if (stat === null) {
    ctx.log(L_ERR, `ERROR:rtpengine:pv_get_rtpstat: Unknown RTP stat ${text}`);
    return null;
  }
  const reply = fetchStats(ctx);
  return reply === null ? null : statValue(reply, stat);
}

export function rtpstatPv(name: PvName | null): Pv {
  if (name === null) {
    return readOnlyPv("$rtpstat", (ctx) => {
      const reply = fetchStats(ctx);
      return reply === null ? null : totalsLine(reply);
    });
  }
  return readOnlyPv(`$rtpstat(${typeof name === "string" ? name : name.spec})`, (ctx) => statistic(ctx, name));
}

export const rtpqueryPv: Pv = readOnlyPv("$rtpquery", (ctx) => {
  const reply = fetchStats(ctx);
  return reply === null ? null : replyJson(reply);
});
