/**
 * mid_registrar_lookup(domain [, flags [, aor]]) (lookup.c mid_reg_lookup), for requests the main
 * registrar sends towards the UAs.
 *
 * - Modes 0 and 1: the Request-URI (or `aor`) is one of the Contacts the mid-registrar sent
 *   upstream; its contact id (the contact_id_param URI parameter, or the user part with
 *   contact_id_insertion "ct-user") names the UA's contact, which becomes the Request-URI — with
 *   its received address as `$du`, its q and its branch flags — or, with the `B` flag, a branch of
 *   the destination set. The other lookup flags do not apply to a single contact.
 * - Mode 2: the Request-URI names the AoR, and the lookup is registrar's (registrar-lookup.ts):
 *   the best contact in the Request-URI, the others as branches, with its flags.
 *
 * Returns 1 when found; -1 when there is no such contact (or no valid contact id); -2 (mode 2)
 * when no contact accepts the method; -3 on error.
 */
import type { Ctx } from "../ctx.ts";
import { appendBranch, setRuriQ } from "../dset.ts";
import { L_DBG, L_ERR } from "../log-level.ts";
import { paramValue } from "../sip/params.ts";
import { parseUri } from "../sip/uri.ts";
import { lookup } from "./registrar-lookup.ts";
import { THROTTLE_AOR } from "./mid-registrar-settings.ts";
import { midRegistrarState } from "./mid-registrar-store.ts";

const NOT_FOUND = -1;
const ERROR = -3;

/** The contact id a URI carries; null when it has none that is a number. */
function contactIdIn(ctx: Ctx, uriText: string): number | null {
  const { settings } = midRegistrarState(ctx.engine);
  const uri = parseUri(uriText);
  const id = settings.contactIdInUser ? uri?.user : paramValue(uri?.params ?? [], settings.contactIdParam);
  return typeof id === "string" && /^[0-9]{1,19}$/.test(id) ? Number(id) : null;
}

/** The `B` flag (to branches only), outside a `u/regex/`. */
function toBranchesOnly(flags: string): boolean {
  return flags.replace(/u\/.*\//, "").includes("B");
}

export function midRegistrarLookup(ctx: Ctx, table: string | null, flags: string | null, aorText: string | null): number {
  if (table === null || !ctx.msg.isRequest) return ERROR;
  const { settings, store } = midRegistrarState(ctx.engine);
  if (settings.mode === THROTTLE_AOR) return lookup(ctx, table, flags, aorText);
  const uri = aorText ?? ctx.msg.ruri ?? "";
  const id = contactIdIn(ctx, uri);
  if (id === null) {
    ctx.log(L_ERR, `ERROR:mid_registrar:mid_reg_lookup: failed to locate a valid contact id in ${aorText === null ? "R-" : ""}URI '${uri}', ci: ${ctx.msg.callId ?? ""}`);
    return NOT_FOUND;
  }
  const found = store.byId(table, id);
  if (found === null) {
    ctx.log(L_DBG, `DBG:mid_registrar:mid_reg_lookup: no record found for ${uri}, ci: ${ctx.msg.callId ?? ""}`);
    return NOT_FOUND;
  }
  const { binding } = found;
  const dstUri = binding.received === "" ? null : binding.received;
  if (toBranchesOnly(flags ?? "")) {
    return appendBranch(ctx.state, { uri: binding.uri, dstUri, q: binding.q, path: null, flags: binding.flags, socket: null }) ? 1 : ERROR;
  }
  if (!ctx.msg.setRuri(binding.uri)) return ERROR;
  if (dstUri !== null) ctx.state.dstUri = dstUri;
  setRuriQ(ctx.state, binding.q);
  ctx.state.branchFlags = (ctx.state.branchFlags | binding.flags) >>> 0;
  return 1;
}
