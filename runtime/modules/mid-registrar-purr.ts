/**
 * pn_process_purr(domain) (lib/reg pn.c pn_async_process_purr), async-only: a mid-dialog request
 * carrying a `pn-purr` (in its Request-URI, else its topmost Route) that names one of our
 * contacts would trigger a push notification and wait for the device to re-register. The runtime
 * has no push notifications (pn_enable), so it answers what needs none: 2 when the request has no
 * `pn-purr`, one not in OpenSIPS's format, or one naming no contact; -1 without a Route header to
 * look in, and -1 (logged) when a push notification would be needed.
 */
import type { Ctx } from "../ctx.ts";
import { L_DBG, L_ERR } from "../log-level.ts";
import { parseNameAddr } from "../sip/name-addr.ts";
import { paramValue } from "../sip/params.ts";
import { splitHeaderList } from "../sip/scan.ts";
import { parseUri } from "../sip/uri.ts";
import { midRegistrarState } from "./mid-registrar-store.ts";

const PN_NOT_NEEDED = 2;

/** The `pn-purr` of a URI text; undefined when it has none. */
function purrOf(uriText: string | null | undefined): string | null | undefined {
  const uri = uriText === null || uriText === undefined ? null : parseUri(uriText);
  return uri === null ? undefined : paramValue(uri.params, "pn-purr");
}

/** pn_purr_unpack: `xxx.xxxxx.xxxxxxxx` (the contact id in hex); null when not in that format. */
function unpackPurr(purr: string): number | null {
  return /^[0-9a-f]{3}\.[0-9a-f]{5}\.[0-9a-f]{8}$/i.test(purr) ? parseInt(purr.replaceAll(".", ""), 16) : null;
}

export function processPurr(ctx: Ctx, table: string | null): number {
  if (table === null || !ctx.msg.isRequest) {
    ctx.log(L_ERR, "ERROR:mid_registrar:pn_async_process_purr: pn_process_purr() cannot be called on SIP replies");
    return -1;
  }
  let purr = purrOf(ctx.msg.ruri);
  if (purr === undefined) {
    const route = ctx.msg.header("route");
    if (route === null) {
      ctx.log(L_DBG, "DBG:mid_registrar:pn_async_process_purr: request has no 'pn-purr' (no Route headers found)");
      return -1;
    }
    purr = purrOf(parseNameAddr(splitHeaderList(route)[0] ?? "")?.uri);
  }
  const id = typeof purr === "string" ? unpackPurr(purr) : null;
  if (id === null || midRegistrarState(ctx.engine).store.byId(table, id) === null) return PN_NOT_NEEDED;
  ctx.log(L_ERR, "ERROR:mid_registrar:pn_async_process_purr: the contact needs a push notification, which the runtime does not support");
  return -1;
}
