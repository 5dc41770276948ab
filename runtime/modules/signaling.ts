/**
 * signaling: `send_reply` answers statefully when the request has a transaction (through tm),
 * statelessly otherwise (through sl).
 */
import { intArg, textArg } from "../args.ts";
import type { ModuleImpl } from "../functions.ts";
import { replyOnTransaction } from "../tm/uas.ts";
import { sendStatelessReply } from "./sl.ts";

export const signaling: ModuleImpl = {
  name: "signaling",
  functions: new Map([
    [
      "send_reply",
      {
        call: (ctx, [code, reason]) => {
          const tx = ctx.transaction;
          const text = textArg(reason);
          const status = intArg(code);
          if (tx === null) return sendStatelessReply(ctx, status, text);
          return status === null ? -1 : replyOnTransaction(ctx, tx, status, text ?? "");
        },
      },
    ],
  ]),
};
