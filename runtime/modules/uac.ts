/**
 * uac: From/To replacement (uac-replace.ts) and its restoring (uac-restore.ts), and uac_auth
 * (uac-auth.ts). With restore_mode `manual` or `auto` (the default), replies relayed upstream get the
 * original From/To back. In `auto` mode OpenSIPS also restores sequential requests by itself when
 * loose_route finds the Record-Route parameter; here that needs uac_restore_from/to in the script.
 */
import type { Arg, ModuleImpl } from "../functions.ts";
import { isPv } from "../pv-types.ts";
import { textArg } from "../args.ts";
import { textOf } from "../transformations/value-text.ts";
import { replaceAddress } from "./uac-replace.ts";
import { restoreInRequest, restoreReplyAddresses } from "./uac-restore.ts";
import { UAC_AUTH } from "./uac-auth.ts";
import { restoreReplyCseq } from "./uac-auth-cseq.ts";
import { uacSettings } from "./uac-settings.ts";

/** The display argument: an empty slot keeps the display name (null); "" removes it. */
function displayArg(arg: Arg): string | null {
  if (arg === undefined || isPv(arg)) return null;
  return textOf(arg) ?? "";
}

export const uac: ModuleImpl = {
  name: "uac",
  functions: new Map([
    ["uac_replace_from", { call: (ctx, [display, uri]) => replaceAddress(ctx, "from", displayArg(display), textArg(uri) ?? "") }],
    ["uac_replace_to", { call: (ctx, [display, uri]) => replaceAddress(ctx, "to", displayArg(display), textArg(uri) ?? "") }],
    ["uac_restore_from", { call: (ctx) => restoreInRequest(ctx, "from") }],
    ["uac_restore_to", { call: (ctx) => restoreInRequest(ctx, "to") }],
    ["uac_auth", UAC_AUTH],
  ]),
  init(engine) {
    engine.replyListeners.unshift(restoreReplyCseq);
    if (uacSettings(engine.script).restoreMode !== "none") engine.replyListeners.unshift(restoreReplyAddresses);
  },
};
