/**
 * How tm recognises a request's server transaction (RFC 3261 §17.2.3): the top Via's branch
 * (when it carries the `z9hG4bK` magic cookie), its sent-by and the method, an ACK matching its
 * INVITE. Requests from RFC 2543 clients (no magic cookie) fall back to Call-ID, CSeq number,
 * From-tag and the top Via as written.
 */
import { createHash } from "node:crypto";
import type { MessageView } from "../sip/message-view.ts";
import { paramValue } from "../sip/params.ts";

const MAGIC_COOKIE = "z9hG4bK";

/**
 * The key of the transaction `msg` belongs to, looked up as `method` (default: the message's
 * own, ACK counting as INVITE). Null when the message lacks what matching needs.
 */
export function transactionKey(msg: MessageView, method: string | null = msg.method): string | null {
  if (method === null) return null;
  const matched = method === "ACK" ? "INVITE" : method;
  const via = msg.topVia;
  if (via === null) return null;
  const branch = paramValue(via.params, "branch");
  if (typeof branch === "string" && branch.startsWith(MAGIC_COOKIE)) {
    return `${branch}\n${via.host.toLowerCase()}:${via.port ?? 5060}\n${matched}`;
  }
  const cseq = msg.cseq;
  const callId = msg.callId;
  if (cseq === null || callId === null) return null;
  return `2543\n${callId}\n${cseq.number}\n${msg.fromTag ?? ""}\n${msg.header("via") ?? ""}\n${matched}`;
}

/**
 * The branch parameter of the Via tm adds to branch `index` of a transaction: stable for a given
 * transaction key (offline traces are reproducible) and different for every branch.
 */
export function branchId(key: string, index: number): string {
  return `${MAGIC_COOKIE}${createHash("sha1").update(key).digest("hex").slice(0, 16)}.${index}`;
}

/** The branch parameter of a message's top Via, or null. */
export function topBranch(msg: MessageView): string | null {
  const via = msg.topVia;
  const branch = via === null ? undefined : paramValue(via.params, "branch");
  return typeof branch === "string" ? branch : null;
}
