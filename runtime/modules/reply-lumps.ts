/**
 * Headers and body queued for the replies the proxy builds itself (sipmsgops `append_to_reply`,
 * `append_body_to_reply`): they belong to the message being processed and go into every reply
 * sl, tm and signaling send for it.
 */
import type { MessageState } from "../message-state.ts";
import type { ReplyOptions } from "../sip/reply.ts";

interface ReplyLumps {
  headers: string;
  body: string | undefined;
}

const lumps = new WeakMap<MessageState, ReplyLumps>();

function lumpsOf(state: MessageState): ReplyLumps {
  let found = lumps.get(state);
  if (found === undefined) {
    found = { headers: "", body: undefined };
    lumps.set(state, found);
  }
  return found;
}

/** Queues raw header lines (CRLF included) for the replies to this message. */
export function addReplyHeaders(state: MessageState, text: string): void {
  lumpsOf(state).headers += text;
}

/** Sets the body of the replies to this message. */
export function setReplyBody(state: MessageState, body: string): void {
  lumpsOf(state).body = body;
}

/** The reply options the queued lumps give (empty when none were queued). */
export function replyLumps(state: MessageState): Pick<ReplyOptions, "headers" | "body"> {
  const found = lumps.get(state);
  if (found === undefined) return {};
  return found.body === undefined ? { headers: found.headers } : { headers: found.headers, body: found.body };
}
