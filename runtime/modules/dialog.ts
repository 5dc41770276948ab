/**
 * dialog: tracking calls (dialog-store.ts). create_dialog() on an initial INVITE, match_dialog()
 * and validate_dialog() on sequential requests (an ACK acknowledges, a BYE deletes); dialog
 * variables ($dlg_val, store/fetch_dlg_value), flags, profiles and the `$DLG_*` variables.
 * Not served: dialog timeouts and dlg_on_* routes, database persistence, clustering.
 */
import { pvArg, textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { EngineCore } from "../engine-core.ts";
import { clearBit, hasBit, setBit } from "../flags.ts";
import type { Arg, FunctionImpl, ModuleImpl } from "../functions.ts";
import type { MessageState } from "../message-state.ts";
import { isPv, readOnlyPv, resolveName, writablePv, type Pv, type PvName } from "../pv-types.ts";
import { parseSipMessage } from "../sip/parse.ts";
import { tmOf } from "../tm/state.ts";
import type { Transaction } from "../transaction.ts";
import { intOf } from "../transformations/value-text.ts";
import type { Value } from "../value.ts";
import { DLG_ACKED, DLG_CONFIRMED, DLG_DELETED, DLG_EARLY, dialogStore, inProfile, profileKey, type Dialog } from "./dialog-store.ts";
import { dialogExtraFunctions } from "./dialog-extras.ts";

interface Bound {
  readonly dialog: Dialog;
  readonly downstream: boolean;
}

const byState = new WeakMap<MessageState, Bound>();
const byTransaction = new WeakMap<Transaction, Bound>();
/** Dialogs created before their INVITE had a transaction. */
const waiting = new WeakMap<MessageState, Dialog>();

function current(ctx: Ctx): Bound | null {
  return byState.get(ctx.state) ?? (ctx.transaction === null ? undefined : byTransaction.get(ctx.transaction)) ?? null;
}

function createDialog(ctx: Ctx): number {
  if (ctx.msg.method !== "INVITE" || ctx.msg.toTag !== null) return -1;
  if (current(ctx) !== null) return 1;
  const dialog = dialogStore(ctx.engine).create(ctx.msg.callId ?? "", ctx.msg.fromTag ?? "", Math.floor(ctx.engine.env.now() / 1000));
  byState.set(ctx.state, { dialog, downstream: true });
  if (ctx.transaction !== null) follow(ctx.engine, ctx.transaction, dialog);
  else waiting.set(ctx.state, dialog);
  return 1;
}

/** The dialog API's get_dlg() for other modules: the dialog of the request being routed; null when none. */
export function currentDialog(ctx: Ctx): Dialog | null {
  return current(ctx)?.dialog ?? null;
}

/** The dialog API's create_dlg() for other modules: the request's dialog, created as create_dialog() does; null when it cannot have one. */
export function ensureDialog(ctx: Ctx): Dialog | null {
  return createDialog(ctx) === 1 ? currentDialog(ctx) : null;
}

/** load_dialog_ctx (dialog-extras.ts): `dialog` becomes this message's; the returned function puts the previous one back. */
function bindDialog(ctx: Ctx, dialog: Dialog): () => void {
  const previous = byState.get(ctx.state);
  byState.set(ctx.state, { dialog, downstream: true });
  return () => {
    if (previous === undefined) byState.delete(ctx.state);
    else byState.set(ctx.state, previous);
  };
}

/** The INVITE's replies, as sent upstream, move the dialog through its states. */
function follow(engine: EngineCore, tx: Transaction, dialog: Dialog): void {
  byTransaction.set(tx, { dialog, downstream: true });
  tmOf(tx)?.onReply((reply) => {
    const parsed = parseSipMessage(reply.text);
    const toTag = parsed.ok ? parsed.msg.toTag : null;
    if (reply.code >= 300) {
      dialog.state = DLG_DELETED;
      dialogStore(engine).remove(dialog);
      return;
    }
    if (reply.code <= 100 || toTag === null) return;
    dialog.toTag = toTag;
    dialog.state = reply.code < 200 ? Math.max(dialog.state, DLG_EARLY) : Math.max(dialog.state, DLG_CONFIRMED);
  });
}

/** match_dialog / validate_dialog (and the dialog API's match_dialog() for other modules): binds a sequential request to its dialog. */
export function matchDialog(ctx: Ctx): number {
  const callId = ctx.msg.callId;
  const found = callId === null ? null : dialogStore(ctx.engine).match(callId, ctx.msg.fromTag, ctx.msg.toTag);
  if (found === null || !found.dialog.active) return -1;
  byState.set(ctx.state, found);
  if (ctx.msg.method === "ACK" && found.dialog.state === DLG_CONFIRMED) found.dialog.state = DLG_ACKED;
  if (ctx.msg.method === "BYE") {
    found.dialog.state = DLG_DELETED;
    dialogStore(ctx.engine).remove(found.dialog);
  }
  return 1;
}

function withDialog(ctx: Ctx, use: (dialog: Dialog) => number): number {
  const bound = current(ctx);
  return bound === null ? -1 : use(bound.dialog);
}

function valueOf(ctx: Ctx, arg: Arg): Value {
  if (isPv(arg)) return arg.get(ctx);
  return arg === undefined ? null : arg;
}

function flagFunction(change: (dialog: Dialog, bit: number) => number): FunctionImpl {
  return {
    call: (ctx, [name]) => {
      const bit = dialogStore(ctx.engine).flagNames.bit(textArg(name) ?? "");
      return bit === null ? -1 : withDialog(ctx, (dialog) => change(dialog, bit));
    },
  };
}

function dialogPv(spec: string, read: (bound: Bound, ctx: Ctx) => Value): Pv {
  return readOnlyPv(spec, (ctx) => {
    const bound = current(ctx);
    return bound === null ? null : read(bound, ctx);
  });
}

function dialogValuePv(name: PvName | null): Pv {
  const spec = `$dlg_val(${name === null ? "" : typeof name === "string" ? name : name.spec})`;
  const key = (ctx: Ctx): string | null => (name === null ? null : resolveName(ctx, name));
  return writablePv(
    spec,
    (ctx) => {
      const k = key(ctx);
      return k === null ? null : (current(ctx)?.dialog.vals.get(k) ?? null);
    },
    (ctx, value) => {
      const k = key(ctx);
      const dialog = current(ctx)?.dialog;
      if (k === null || dialog === undefined) return false;
      if (value === null) dialog.vals.delete(k);
      else dialog.vals.set(k, value);
      return true;
    },
  );
}

const DIALOG_PVS = new Map<string, (arg: PvName | null) => Pv>([
  ["DLG_status", () => dialogPv("$DLG_status", (b) => b.dialog.state)],
  ["DLG_dir", () => dialogPv("$DLG_dir", (b) => (b.downstream ? "downstream" : "upstream"))],
  ["DLG_did", () => dialogPv("$DLG_did", (b) => b.dialog.did)],
  ["DLG_lifetime", () => dialogPv("$DLG_lifetime", (b, ctx) => Math.floor(ctx.engine.env.now() / 1000) - b.dialog.start)],
  ["DLG_count", () => readOnlyPv("$DLG_count", (ctx) => dialogStore(ctx.engine).count())],
  [
    "DLG_flags",
    () =>
      writablePv(
        "$DLG_flags",
        (ctx) => current(ctx)?.dialog.flags ?? null,
        (ctx, value) => {
          const dialog = current(ctx)?.dialog;
          const flags = intOf(value);
          if (dialog === undefined || flags === null) return false;
          dialog.flags = flags;
          return true;
        },
      ),
  ],
  ["dlg_val", (arg) => dialogValuePv(arg)],
]);

export const dialog: ModuleImpl = {
  name: "dialog",
  functions: new Map<string, FunctionImpl>([
    ["create_dialog", { call: (ctx) => createDialog(ctx) }],
    ["match_dialog", { call: (ctx) => matchDialog(ctx) }],
    ["validate_dialog", { call: (ctx) => (current(ctx) !== null ? 1 : matchDialog(ctx)) }],
    [
      "store_dlg_value",
      {
        call: (ctx, [name, value]) => {
          const key = textArg(name);
          const v = valueOf(ctx, value);
          return key === null || v === null ? -1 : withDialog(ctx, (d) => (d.vals.set(key, v), 1));
        },
      },
    ],
    [
      "fetch_dlg_value",
      {
        call: (ctx, [name, out]) =>
          withDialog(ctx, (d) => {
            const v = d.vals.get(textArg(name) ?? "");
            if (v === undefined) return -1;
            pvArg(out)?.assign(ctx, "=", v);
            return 1;
          }),
      },
    ],
    ["set_dlg_profile", { call: (ctx, [name, value]) => withDialog(ctx, (d) => (d.profiles.add(profileKey(textArg(name) ?? "", textArg(value))), 1)) }],
    ["unset_dlg_profile", { call: (ctx, [name, value]) => withDialog(ctx, (d) => (d.profiles.delete(profileKey(textArg(name) ?? "", textArg(value))) ? 1 : -1)) }],
    ["is_in_profile", { call: (ctx, [name, value]) => withDialog(ctx, (d) => (inProfile(d, textArg(name) ?? "", textArg(value)) ? 1 : -1)) }],
    [
      "get_profile_size",
      {
        call: (ctx, [name, value, out]) => {
          pvArg(out)?.assign(ctx, "=", dialogStore(ctx.engine).count(textArg(name) ?? "", textArg(value)));
          return 1;
        },
      },
    ],
    ["set_dlg_flag", flagFunction((d, bit) => ((d.flags = setBit(d.flags, bit)), 1))],
    ["reset_dlg_flag", flagFunction((d, bit) => ((d.flags = clearBit(d.flags, bit)), 1))],
    ["is_dlg_flag_set", flagFunction((d, bit) => (hasBit(d.flags, bit) ? 1 : -1))],
    ...dialogExtraFunctions(bindDialog),
  ]),
  pvs: DIALOG_PVS,
  init(engine) {
    engine.transactionListeners.push((tx, ctx) => {
      const dialog = waiting.get(ctx.state);
      if (dialog !== undefined) follow(engine, tx, dialog);
    });
  },
};
