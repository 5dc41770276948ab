/**
 * uac_replace_from / uac_replace_to([display], uri) (replace.c replace_uri): the request goes out
 * with a new display name (`"…"` quoted; "" removes it; an empty slot keeps it) and/or URI ("" keeps
 * it), a pending change of what is sent. When the URI changes and restore_mode is not `none`, the
 * original URI is kept for the restore: replies from downstream get it back (uac-restore.ts), and
 * with rr loaded the Record-Route carries it encoded (`;vsf=…`/`;vst=…`, for uac_restore_*).
 * In `auto` mode a request with a To-tag may not change its URI.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR } from "../log-level.ts";
import type { MessageState } from "../message-state.ts";
import { rrStateOf } from "./rr-state.ts";
import { addressParts, formatAddress } from "./uac-header.ts";
import { encodeUriPair } from "./uac-rr-param.ts";
import { uacSettings } from "./uac-settings.ts";

export type AddressHeader = "from" | "to";

const replacedIn = new WeakMap<MessageState, Set<AddressHeader>>();

function markReplaced(state: MessageState, header: AddressHeader): void {
  let headers = replacedIn.get(state);
  if (headers === undefined) replacedIn.set(state, (headers = new Set()));
  headers.add(header);
}

/** The headers whose URI uac replaced in the request of this state (what replies get back). */
export function replacedHeaders(state: MessageState): ReadonlySet<AddressHeader> {
  return replacedIn.get(state) ?? new Set();
}

/** Sends field `header` of `ctx`'s message with a new value, keeping its name and line break; false when it already has a pending change. */
export function rewriteAddressField(ctx: Ctx, header: AddressHeader, change: (value: string) => string | null): boolean | string {
  const index = ctx.msg.headerFields.findIndex((f) => f.key === header);
  const field = ctx.msg.headerFields[index];
  if (field === undefined) return `no ${header} header`;
  const value = change(field.value);
  if (value === null) return `cannot parse the ${header} header <${field.value}>`;
  return ctx.msg.rewriteField(index, `${field.name}: ${value}${field.raw.endsWith("\r\n") ? "\r\n" : "\n"}`);
}

/** `display`: null keeps the display name, "" removes it. */
export function replaceAddress(ctx: Ctx, header: AddressHeader, display: string | null, uri: string): number {
  const fail = (message: string): number => {
    ctx.log(L_ERR, `ERROR:uac:replace_uri: ${message}`);
    return -1;
  };
  if (!ctx.msg.isRequest) return fail("called for something not request");
  const settings = uacSettings(ctx.engine.script);
  if (settings.restoreMode === "auto" && uri !== "" && (ctx.msg.toTag ?? "") !== "") {
    return fail(`decline ${header.toUpperCase()} replacing in sequential request in auto mode (has TO tag)`);
  }
  let originalUri = "";
  const rewritten = rewriteAddressField(ctx, header, (value) => {
    const parts = addressParts(value);
    if (parts === null) return null;
    originalUri = parts.uri;
    const newDisplay = display === null ? parts.display : display === "" ? null : `"${display}"`;
    return formatAddress({ display: newDisplay, uri: uri === "" ? parts.uri : uri, bracketed: parts.bracketed || newDisplay !== null, rest: parts.rest });
  });
  if (typeof rewritten === "string") return fail(rewritten);
  if (!rewritten) return fail(`the ${header} header was already changed for this message; replace it once per branch`);
  if (uri === "" || settings.restoreMode === "none") return 1;
  if (ctx.engine.script.modules.includes("rr")) {
    const param = header === "from" ? settings.fromParam : settings.toParam;
    rrStateOf(ctx.state).params.push(`;${param}=${encodeUriPair(originalUri, uri, settings.password)}`);
  }
  markReplaced(ctx.state, header);
  if (ctx.transaction !== null) markReplaced(ctx.transaction.state, header);
  return 1;
}
