/**
 * What mid_registrar reads from a REGISTER (lib/reg's parse_reg_headers, extract_aor and
 * check_contacts; save.c's calc_contact_expires and dup_req_info): the AoR, the Call-ID and CSeq,
 * whether it is a `Contact: *` removal, and each contact with the expiry it asks for, its q, the
 * methods it accepts and the address it was received from. A REGISTER that cannot be read gives
 * the registrar error to answer with.
 */
import type { Ctx } from "../ctx.ts";
import { parseQ } from "../dset.ts";
import type { MessageView } from "../sip/message-view.ts";
import { paramValue, type Param } from "../sip/params.ts";
import { parseUri } from "../sip/uri.ts";
import { methodsOf } from "./registrar.ts";
import { aorOf } from "./registrar-location.ts";
import { ERRORS, type RegistrarError } from "./mid-registrar-reply.ts";
import type { MidRegistrarSettings } from "./mid-registrar-settings.ts";

export interface RequestContact {
  readonly uri: string;
  /** Its `expires` param, else the Expires header, else default_expires: what it asks for (seconds). */
  readonly asked: number;
  /** `asked` within min_expires…max_expires (0 stays 0): what the binding gets. */
  readonly expires: number;
  /** 0…1000 or Q_UNSPECIFIED. */
  readonly q: number;
  readonly methods: readonly string[] | null;
  /** Its `received` param, else the received_avp's value; "" when neither. */
  readonly received: string;
}

export interface RegisterRequest {
  readonly aor: string;
  readonly callId: string;
  readonly cseq: number;
  /** `Contact: *` with `Expires: 0`: every binding of the AoR goes. */
  readonly star: boolean;
  readonly contacts: readonly RequestContact[];
}

/**
 * The Expires header's seconds (parse_expires): null when absent, undefined when it is no number
 * (default_expires then applies), "invalid" when empty.
 */
export function headerExpires(msg: MessageView): number | null | undefined | "invalid" {
  const text = msg.header("expires")?.trim() ?? null;
  if (text === null) return null;
  if (text === "") return "invalid";
  return /^[0-9]+$/.test(text) ? Number(text) : undefined;
}

/** The expiry a contact states (calc_contact_expires without limits): its `expires` param, else the Expires header, else default_expires. */
export function statedExpires(params: readonly Param[], header: number | null | undefined, defaultExpires: number): number {
  const param = paramValue(params, "expires");
  if (typeof param === "string" && param !== "") return /^[0-9]+$/.test(param) ? Number(param) : defaultExpires;
  return header ?? defaultExpires;
}

function withinLimits(settings: MidRegistrarSettings, asked: number): number {
  if (asked === 0) return 0;
  const raised = settings.minExpires > 0 ? Math.max(asked, settings.minExpires) : asked;
  return settings.maxExpires > 0 ? Math.min(raised, settings.maxExpires) : raised;
}

/** extract_aor: the AoR of `text`, checked against the max_*_len parameters. */
function readAor(ctx: Ctx, settings: MidRegistrarSettings, text: string | null | undefined): string | RegistrarError {
  const uri = text === null || text === undefined ? null : parseUri(text);
  if (uri === null || uri.user === null) return ERRORS.aorParse;
  const tooLong =
    uri.user.length > settings.maxUsernameLength ||
    uri.host.length > settings.maxDomainLength ||
    uri.user.length + uri.host.length + 1 > settings.maxAorLength;
  return tooLong ? ERRORS.aorTooLong : (aorOf(ctx, text) ?? ERRORS.aorParse);
}

/** The `received` of a contact: its param (unquoted), else the received_avp's string value. */
function receivedOf(ctx: Ctx, settings: MidRegistrarSettings, param: string | null | undefined): string {
  if (typeof param === "string" && param !== "") return param.replace(/^"|"$/g, "");
  const avp = settings.receivedAvp === null ? null : ctx.state.avps.top(settings.receivedAvp);
  return typeof avp === "string" ? avp : "";
}

function readContacts(ctx: Ctx, settings: MidRegistrarSettings, header: number | null | undefined): RequestContact[] | RegistrarError {
  const contacts = ctx.msg.contacts;
  if (contacts === null || contacts === "*") return ERRORS.contactParse;
  const read: RequestContact[] = [];
  for (const contact of contacts) {
    if (contact.uri.length > settings.maxContactLength) return ERRORS.contactTooLong;
    const asked = statedExpires(contact.params, header, settings.defaultExpires);
    const qParam = paramValue(contact.params, "q");
    const q = typeof qParam === "string" && qParam !== "" ? parseQ(qParam) : settings.defaultQ;
    if (q === null) return ERRORS.invalidQ;
    const methods = methodsOf(ctx, paramValue(contact.params, "methods"));
    read.push({ uri: contact.uri, asked, expires: withinLimits(settings, asked), q, methods, received: receivedOf(ctx, settings, paramValue(contact.params, "received")) });
  }
  return read;
}

/** check_contacts on `Contact: *`: alone, with Expires 0. */
function checkStar(ctx: Ctx, header: number | null | undefined): RegistrarError | null {
  if (header !== 0) return ERRORS.starExpires;
  return ctx.msg.headerListValues("contact").length > 1 ? ERRORS.starContacts : null;
}

export function readRegister(ctx: Ctx, settings: MidRegistrarSettings, aorText: string | null): RegisterRequest | RegistrarError {
  const msg = ctx.msg;
  if (msg.to === null) return ERRORS.toMissing;
  const callId = msg.callId;
  if (callId === null) return ERRORS.callIdMissing;
  const cseq = msg.cseq;
  if (cseq === null) return ERRORS.cseqMissing;
  const header = headerExpires(msg);
  if (header === "invalid") return ERRORS.expiresParse;
  const aor = readAor(ctx, settings, aorText ?? msg.to.uri);
  if (typeof aor !== "string") return aor;
  const base = { aor, callId, cseq: Number(cseq.number) };
  if (!msg.hasHeader("contact")) return { ...base, star: false, contacts: [] };
  if (msg.headerListValues("contact").includes("*")) {
    const error = checkStar(ctx, header);
    return error ?? { ...base, star: true, contacts: [] };
  }
  const contacts = readContacts(ctx, settings, header);
  return Array.isArray(contacts) ? { ...base, star: false, contacts } : contacts;
}

export function isRegistrarError(value: object): value is RegistrarError {
  return "info" in value;
}
