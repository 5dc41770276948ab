/**
 * mid_registrar_save(domain [, flags [, aor [, outgoing_expires [, ownership_tag]]]]) (save.c
 * mid_reg_save), for REGISTERs from the UAs. Returns 1 when the script must relay the REGISTER to
 * the main registrar (t_relay): its transaction then carries what the forwarding and the 2xx need
 * (mid-registrar-forward.ts, mid-registrar-upstream.ts); 2 when it was absorbed — answered here
 * with 200 OK listing the AoR's bindings (no reply with the `r` flag); -1 on error, answered with
 * the registrar error (400, 500, 503 with `P-Registrar-Error`) unless `r`; 0 for a retransmission
 * of a REGISTER already forwarded (the script ends).
 *
 * Mirror mode (0) forwards every REGISTER; the throttling modes (1, 2) forward the first one of an
 * AoR and then as mid-registrar-throttle.ts decides. A `Contact: *` removal is always forwarded; a
 * REGISTER without contacts is answered 200 at once. The `aor` argument replaces the To URI; the
 * ownership tag needs usrloc's pinging_mode "ownership" (OpenSIPS refuses to start otherwise) and
 * changes nothing in the runtime, which has no clustering.
 */
import type { Ctx } from "../ctx.ts";
import { L_ERR, L_INFO } from "../log-level.ts";
import { transactionFor } from "../tm/lookup.ts";
import { tmOf } from "../tm/state.ts";
import { modParam } from "./modparams.ts";
import { parseSaveFlags, type SaveFlags } from "./mid-registrar-flags.ts";
import { rewriteForwardedRegister } from "./mid-registrar-forward.ts";
import { attachRegistration, registrationOf, type Registration } from "./mid-registrar-info.ts";
import { contactHeader, replyError, replyOk, type RegistrarError } from "./mid-registrar-reply.ts";
import { isRegistrarError, readRegister, type RegisterRequest } from "./mid-registrar-request.ts";
import { MIRROR, THROTTLE_CONTACTS } from "./mid-registrar-settings.ts";
import { midRegistrarState } from "./mid-registrar-store.ts";
import { throttleAor, throttleContacts, type ThrottleDecision } from "./mid-registrar-throttle.ts";

const FORWARD = 1;
const ABSORBED = 2;
const ERROR = -1;

export interface SaveArguments {
  readonly table: string | null;
  readonly flags: string | null;
  readonly aor: string | null;
  /** The outgoing expiry argument; undefined when not given. */
  readonly expiresOut: number | null | undefined;
  readonly ownershipTag: string | null;
}

function fail(ctx: Ctx, flags: SaveFlags, error: RegistrarError): number {
  if (!flags.noReply) replyError(ctx, error, midRegistrarState(ctx.engine).settings.retryAfter);
  return ERROR;
}

function expiresOutArgument(ctx: Ctx, given: number | null | undefined): number {
  const fallback = midRegistrarState(ctx.engine).settings.outgoingExpires;
  if (given === undefined) return fallback;
  if (given !== null && given > 0) return given;
  ctx.log(L_ERR, `ERROR:mid_registrar:fix_out_expires: bad 'outgoing_expires' value: ${given ?? "(not a number)"}, falling back to default`);
  return fallback;
}

/** prepare_forward: the transaction, with what its forwarding and its 2xx need. */
function prepareForward(ctx: Ctx, registration: Registration): number {
  const tx = transactionFor(ctx);
  if (tx === "retransmission") {
    ctx.log(L_INFO, "INFO:mid_registrar:prepare_forward: absorbing REGISTER retransmission, use t_check_trans() earlier");
    return 0;
  }
  const tm = tx === null ? null : tmOf(tx);
  if (tx === null || tm === null) {
    ctx.log(L_ERR, "ERROR:mid_registrar:prepare_forward: cannot create the REGISTER transaction (is tm loaded?)");
    return ERROR;
  }
  const first = registrationOf(tx) === null;
  attachRegistration(tx, registration);
  if (first) tm.onForward((branch, socket) => rewriteForwardedRegister(ctx, registrationOf(tx) ?? registration, branch, socket));
  return FORWARD;
}

/** The 200 OK of an absorbed REGISTER: the AoR's bindings (with `o`, those the REGISTER names). */
function replyAbsorbed(ctx: Ctx, table: string, request: RegisterRequest, flags: SaveFlags): number {
  if (flags.noReply) return ABSORBED;
  const { settings, store } = midRegistrarState(ctx.engine);
  const named = new Set(request.contacts.map((c) => c.uri));
  const bindings = store
    .contacts(table, request.aor)
    .map((c) => c.binding)
    .filter((b) => !flags.requestContactsOnly || named.has(b.uri));
  replyOk(ctx, contactHeader(bindings, store.clock, settings.receivedParam));
  return ABSORBED;
}

function decide(ctx: Ctx, table: string, request: RegisterRequest, flags: SaveFlags, maxContacts: number): ThrottleDecision {
  const { settings, store } = midRegistrarState(ctx.engine);
  if (request.star || settings.mode === MIRROR || store.contacts(table, request.aor).length === 0) return "forward";
  const throttled = { ctx, store, table, request, flags, maxContacts };
  return settings.mode === THROTTLE_CONTACTS ? throttleContacts(throttled) : throttleAor(throttled);
}

export function midRegistrarSave(ctx: Ctx, args: SaveArguments): number {
  const { settings } = midRegistrarState(ctx.engine);
  const flags = parseSaveFlags(ctx, args.flags);
  if (args.table === null) {
    ctx.log(L_ERR, "ERROR:mid_registrar:mid_reg_save: no location table given");
    return ERROR;
  }
  if (ctx.msg.method !== "REGISTER") {
    ctx.log(L_ERR, `ERROR:mid_registrar:mid_reg_save: rejecting non-REGISTER SIP request (${ctx.msg.method ?? "reply"})`);
    return ERROR;
  }
  if (args.ownershipTag !== null && String(modParam(ctx.engine.script, "usrloc", "pinging_mode") ?? "").toLowerCase() !== "ownership") {
    ctx.log(L_ERR, "ERROR:mid_registrar:mid_reg_save: ownership tags need usrloc's pinging_mode 'ownership'");
    return ERROR;
  }
  const expiresOut = expiresOutArgument(ctx, args.expiresOut);
  const request = readRegister(ctx, settings, args.aor);
  if (isRegistrarError(request)) return fail(ctx, flags, request);
  if (request.contacts.length === 0 && !request.star) {
    if (!flags.noReply) replyOk(ctx, "");
    return ABSORBED;
  }
  ctx.msg.removeHeaders("path");
  const maxContacts = flags.maxContacts ?? settings.maxContacts;
  const decision = decide(ctx, args.table, request, flags, maxContacts);
  if (decision === "absorb") return replyAbsorbed(ctx, args.table, request, flags);
  if (decision !== "forward") return fail(ctx, flags, decision);
  const registration: Registration = {
    table: args.table,
    request,
    flags,
    expiresOut,
    maxContacts,
    userAgent: ctx.msg.userAgent,
    contactIds: null,
    branchFlags: ctx.state.branchFlags,
    pendingReplies: 0,
  };
  return prepareForward(ctx, registration);
}
