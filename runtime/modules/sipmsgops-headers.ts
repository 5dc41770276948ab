/**
 * sipmsgops header functions. Added and removed headers are pending changes, as OpenSIPS's
 * lumps: is_present_hf and `$hdr` still see the message as received until it is sent.
 */
import { textArg } from "../args.ts";
import type { FunctionImpl } from "../functions.ts";
import type { MessageState } from "../message-state.ts";
import type { SipMessage } from "../sip/message.ts";
import { addReplyHeaders, setReplyBody } from "./reply-lumps.ts";
import { regexArg } from "./regex-arg.ts";

/** append_hf / insert_hf: at the end (start) of the headers, or after (before) the first header named by the 2nd argument. */
function headerAdder(add: (msg: SipMessage, text: string) => void, addNextTo: (msg: SipMessage, text: string, anchor: string) => boolean): FunctionImpl {
  return {
    call: (ctx, [text, anchorName]) => {
      const header = textArg(text);
      const anchor = textArg(anchorName);
      if (header === null) return -1;
      if (anchor === null) add(ctx.msg, header);
      else if (!addNextTo(ctx.msg, header, anchor)) return -1;
      return 1;
    },
  };
}

/** append_to_reply / append_body_to_reply: queue text for the replies to this message. */
function replyLump(queue: (state: MessageState, text: string) => void): FunctionImpl {
  return {
    call: (ctx, [text]) => {
      const value = textArg(text);
      if (value === null) return -1;
      queue(ctx.state, value);
      return 1;
    },
  };
}

/** remove_hf* return the number of headers removed, or -1 for none. */
function removed(count: number): number {
  return count > 0 ? count : -1;
}

export const HEADER_FUNCTIONS: ReadonlyMap<string, FunctionImpl> = new Map<string, FunctionImpl>([
  ["is_present_hf", { call: (ctx, [name]) => (ctx.msg.hasHeader(textArg(name) ?? "") ? 1 : -1) }],
  ["append_hf", headerAdder((msg, text) => msg.appendHeader(text), (msg, text, anchor) => msg.appendHeaderAfter(text, anchor))],
  ["insert_hf", headerAdder((msg, text) => msg.insertHeader(text), (msg, text, anchor) => msg.insertHeaderBefore(text, anchor))],
  ["remove_hf", { call: (ctx, [name]) => removed(ctx.msg.removeHeaders(textArg(name) ?? "")) }],
  [
    "remove_hf_re",
    {
      call: (ctx, [pattern]) => {
        const re = regexArg(pattern, { ignoreCase: true });
        return re === null ? -1 : removed(ctx.msg.removeHeadersMatching(re));
      },
    },
  ],
  ["remove_hf_glob", { call: (ctx, [pattern]) => removed(ctx.msg.removeHeadersGlob(textArg(pattern) ?? "")) }],
  ["append_to_reply", replyLump(addReplyHeaders)],
  ["append_body_to_reply", replyLump(setReplyBody)],
]);
