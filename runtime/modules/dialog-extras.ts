/**
 * dialog functions beyond tracking (dialog.c): load_dialog_ctx(id[, "callid"|"did"]) makes a
 * dialog found by Call-ID (the first one kept) or by `$DLG_did` the current one — for `$dlg_val`,
 * `$DLG_*` and the dialog functions — in a route that has none of its own (timer, event, a
 * launch() report…); unload_dialog_ctx() puts back what was current before. As in OpenSIPS, one
 * context can be loaded at a time per worker: a second load before the unload fails.
 * set_dlg_sharing_tag(tag) only matters with dialog replication, which the runtime does not do:
 * without `dialog_replication_cluster` it succeeds doing nothing, as in OpenSIPS; with it, it
 * fails with a log line.
 * Not here: dlg_on_timeout (the runtime has no dialog timeouts) and fix_route_dialog (the
 * dialogs do not keep their legs' contacts and route sets).
 */
import { textArg } from "../args.ts";
import type { Ctx, Worker } from "../ctx.ts";
import type { FunctionImpl } from "../functions.ts";
import { L_DBG, L_ERR } from "../log-level.ts";
import { intModParam } from "./modparams.ts";
import { dialogStore, type Dialog } from "./dialog-store.ts";

/** Makes `dialog` the current one of the message being handled; returns what puts the previous one back. */
export type BindDialog = (ctx: Ctx, dialog: Dialog) => () => void;

/** The unload of the context each worker has loaded. */
const loaded = new WeakMap<Worker, () => void>();

function findDialog(ctx: Ctx, id: string, mode: "callid" | "did"): Dialog | null {
  return dialogStore(ctx.engine).find((dialog) => (mode === "callid" ? dialog.callId === id : dialog.did === id));
}

function loadMode(ctx: Ctx, text: string | null): "callid" | "did" | null {
  const mode = (text ?? "callid").toLowerCase();
  if (mode === "callid" || mode === "did") return mode;
  ctx.log(L_ERR, `ERROR:dialog:fixup_lmode: unsupported dialog indetifier <${text}>`);
  return null;
}

function loadContext(ctx: Ctx, bind: BindDialog, id: string, modeText: string | null): number {
  const mode = loadMode(ctx, modeText);
  if (mode === null) return -1;
  if (loaded.has(ctx.worker)) {
    ctx.log(L_ERR, "ERROR:dialog:load_dlg_ctx: nested call of load dlg ctx");
    return -1;
  }
  const dialog = findDialog(ctx, id, mode);
  if (dialog === null) {
    ctx.log(L_DBG, "DBG:dialog:load_dlg_ctx: no dialog found");
    return -1;
  }
  loaded.set(ctx.worker, bind(ctx, dialog));
  return 1;
}

function unloadContext(ctx: Ctx): number {
  const restore = loaded.get(ctx.worker);
  if (restore === undefined) return -1;
  restore();
  loaded.delete(ctx.worker);
  return 1;
}

function setSharingTag(ctx: Ctx): number {
  if (intModParam(ctx.engine.script, "dialog", "dialog_replication_cluster", 0) === 0) {
    ctx.log(L_DBG, "DBG:dialog:w_set_dlg_shtag: Dialog replication not configured");
    return 1;
  }
  ctx.log(L_ERR, "ERROR:dialog:w_set_dlg_shtag: dialog replication (dialog_replication_cluster) is not supported by the runtime");
  return -1;
}

/** The functions, working on the dialogs `bind` makes current (dialog.ts owns that binding). */
export function dialogExtraFunctions(bind: BindDialog): ReadonlyMap<string, FunctionImpl> {
  return new Map<string, FunctionImpl>([
    ["load_dialog_ctx", { call: (ctx, [id, mode]) => loadContext(ctx, bind, textArg(id) ?? "", textArg(mode)) }],
    ["unload_dialog_ctx", { call: (ctx) => unloadContext(ctx) }],
    ["set_dlg_sharing_tag", { call: (ctx) => setSharingTag(ctx) }],
  ]);
}
