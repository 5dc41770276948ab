/**
 * topology_hiding (OpenSIPS 3.6): topology_hiding([flags[, users]]) on an initial request and
 * topology_hiding_match([dlg_match_mode]) on sequential ones hide each side's Vias,
 * Record-Routes, Routes and Contact from the other. With a dialog (create_dialog(), or
 * force_dialog) the dialog keeps what is hidden (topology-hiding-dialog.ts); without one it
 * travels encoded in the Contact the other side sees (topology-hiding-no-dialog.ts).
 * topology_hiding_match() first asks the dialog module (matching by Call-ID and tags: the
 * runtime's match_dialog ignores dlg_match_mode), then reads the Request-URI's `thinfo`.
 * `$TH_callee_callid` is the Call-ID the callee side sees with the C flag.
 *
 * Not as in OpenSIPS: the hidden Contact of a request carries the address of the script's first
 * socket (the runtime sends from it), and a decoded socket is not forced for sending; the C flag's
 * decoding of a callee's request happens in topology_hiding_match(), so the script sees the
 * encoded Call-ID before it (and changes the script queued before become visible, as after
 * msg_apply_changes()); replies are hidden before the armed onreply_route runs (OpenSIPS: after),
 * so that route still reads them as received but a Contact it rewrites (fix_nated_contact) replaces
 * the hidden one, and a Contact nathelper rewrote before topology_hiding() is kept beside the
 * hidden one; a function that fails changes nothing (OpenSIPS may already have removed the Vias).
 * The Contact username given to topology_hiding() is shown with the U flag only, to the side
 * it was given for, in both modes.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { FunctionImpl, ModuleImpl } from "../functions.ts";
import { L_ERR, L_WARN } from "../log-level.ts";
import { readOnlyPv } from "../pv-types.ts";
import { currentDialog, ensureDialog, matchDialog } from "./dialog.ts";
import { HIDE_CALLID, parseContactUsers, parseFlags } from "./topology-hiding-args.ts";
import { encodeCallId } from "./topology-hiding-callid.ts";
import { decodeSequentialCallId, hideWithDialog, hidingFlags, routeInDialog } from "./topology-hiding-dialog.ts";
import { hideWithoutDialog, matchWithoutDialog } from "./topology-hiding-no-dialog.ts";
import { hideRelayedReply } from "./topology-hiding-replies.ts";
import { topologyHidingSettings, type ContactScheme, type TopologyHidingSettings } from "./topology-hiding-settings.ts";

function withSettings(ctx: Ctx, run: (settings: TopologyHidingSettings, scheme: ContactScheme) => number): number {
  const settings = topologyHidingSettings(ctx.engine.script);
  if (settings.contactScheme !== null) return run(settings, settings.contactScheme);
  ctx.log(L_ERR, `ERROR:topology_hiding:mod_init: Unsupported value <${settings.schemeText}> for 'th_contact_encode_scheme' modparam! Use 'base64' or 'base32'`);
  return -1;
}

function dialogLoaded(ctx: Ctx): boolean {
  return ctx.engine.script.modules.includes("dialog");
}

function hideTopology(ctx: Ctx, flagsText: string | null, usersText: string | null): number {
  return withSettings(ctx, (settings, scheme) => {
    if (ctx.msg.to === null) {
      ctx.log(L_ERR, "ERROR:topology_hiding:topology_hiding: no To");
      return -1;
    }
    if (settings.forceDialog && !dialogLoaded(ctx)) {
      ctx.log(L_ERR, "ERROR:topology_hiding:mod_init: cannot force dialog. dialog module not loaded");
      return -1;
    }
    const flags = parseFlags(flagsText);
    const users = parseContactUsers(usersText);
    const dialog = !dialogLoaded(ctx) ? null : (currentDialog(ctx) ?? (settings.forceDialog ? ensureDialog(ctx) : null));
    if (dialog === null && settings.forceDialog) {
      ctx.log(L_ERR, "ERROR:topology_hiding:topology_hiding: Failed to create dialog");
      return -1;
    }
    if (dialog === null) return hideWithoutDialog(ctx, flags, users, settings, scheme);
    if (ctx.msg.toTag !== null) {
      ctx.log(L_WARN, "WARNING:topology_hiding:topology_hiding: SCRIPT ERROR - trying to initialize topology hiding for sequential request in dialog mode");
      return -1;
    }
    return hideWithDialog(ctx, dialog, flags, users, settings);
  });
}

function matchHidden(ctx: Ctx): number {
  return withSettings(ctx, (settings, scheme) => {
    if (dialogLoaded(ctx)) {
      decodeSequentialCallId(ctx, settings);
      if (matchDialog(ctx) === 1) {
        const dialog = currentDialog(ctx);
        return dialog === null ? 1 : routeInDialog(ctx, dialog, settings);
      }
    }
    return matchWithoutDialog(ctx, settings, scheme);
  });
}

/** `$TH_callee_callid`: NULL without a dialog hidden with the C flag. */
const calleeCallId = readOnlyPv("$TH_callee_callid", (ctx) => {
  const dialog = dialogLoaded(ctx) ? currentDialog(ctx) : null;
  const flags = dialog === null ? null : hidingFlags(dialog);
  if (dialog === null || flags === null || (flags & HIDE_CALLID) === 0) return null;
  return encodeCallId(dialog.callId, topologyHidingSettings(ctx.engine.script));
});

export const topologyHiding: ModuleImpl = {
  name: "topology_hiding",
  functions: new Map<string, FunctionImpl>([
    ["topology_hiding", { call: (ctx, [flags, users]) => hideTopology(ctx, textArg(flags), textArg(users)) }],
    ["topology_hiding_match", { call: (ctx) => matchHidden(ctx) }],
  ]),
  pvs: new Map([["TH_callee_callid", () => calleeCallId]]),
  init(engine) {
    engine.replyListeners.unshift(hideRelayedReply);
  },
};
