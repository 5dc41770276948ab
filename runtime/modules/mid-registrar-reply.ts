/**
 * The replies mid_registrar builds itself (save.c send_reply, with lib/reg's rerrno): 200 OK
 * listing the AoR's bindings for an absorbed REGISTER, or an error whose code and
 * `P-Registrar-Error` text say what was wrong (and `Retry-After` on a 5xx when retry_after is
 * set). Like signaling's reply, it goes through the transaction when there is one. Also the
 * Contact header listing bindings, used as well in the main registrar's 2xx relayed to the UA.
 */
import type { Ctx } from "../ctx.ts";
import { qText, Q_UNSPECIFIED } from "../dset.ts";
import { replyOnTransaction } from "../tm/uas.ts";
import type { Binding } from "./registrar-location.ts";
import { addReplyHeaders } from "./reply-lumps.ts";
import { sendStatelessReply } from "./sl.ts";

export interface RegistrarError {
  readonly code: number;
  /** The P-Registrar-Error text. */
  readonly info: string;
}

export const ERRORS = {
  aorTooLong: { code: 500, info: "Address Of Record too long" },
  aorParse: { code: 400, info: "Error while parsing AOR" },
  invalidCseq: { code: 400, info: "Invalid CSeq number" },
  invalidQ: { code: 400, info: "Invalid q param in contact" },
  toMissing: { code: 400, info: "To header not found" },
  callIdMissing: { code: 400, info: "Call-ID header not found" },
  cseqMissing: { code: 400, info: "CSeq header not found" },
  expiresParse: { code: 400, info: "Expires parse error" },
  contactParse: { code: 400, info: "Contact parse error" },
  starExpires: { code: 400, info: "* used in contact and expires is not zero" },
  starContacts: { code: 400, info: "* used in contact and more than 1 contact" },
  tooMany: { code: 503, info: "Too many registered contacts" },
  contactTooLong: { code: 400, info: "Contact/received too long" },
} as const satisfies Record<string, RegistrarError>;

const REASONS: Readonly<Record<number, string>> = {
  200: "OK",
  400: "Bad Request",
  500: "Server Internal Error",
  503: "Service Unavailable",
};

/** `Contact: <uri>;q=..;expires=..;received=".."` for every binding, comma-separated, CRLF included; "" for none. */
export function contactHeader(bindings: readonly Binding[], now: number, receivedParam: string): string {
  if (bindings.length === 0) return "";
  const contacts = bindings.map((b) => {
    const q = b.q === Q_UNSPECIFIED ? "" : `;q=${qText(b.q)}`;
    const received = b.received === "" ? "" : `;${receivedParam}="${b.received}"`;
    return `<${b.uri}>${q};expires=${b.expires - now}${received}`;
  });
  return `Contact: ${contacts.join(", ")}\r\n`;
}

function send(ctx: Ctx, code: number): number {
  const reason = REASONS[code] ?? "";
  const tx = ctx.transaction;
  return tx === null ? sendStatelessReply(ctx, code, reason) : replyOnTransaction(ctx, tx, code, reason);
}

/** 200 OK with `contacts` (a contactHeader). */
export function replyOk(ctx: Ctx, contacts: string): void {
  if (contacts !== "") addReplyHeaders(ctx.state, contacts);
  send(ctx, 200);
}

export function replyError(ctx: Ctx, error: RegistrarError, retryAfter: number): void {
  addReplyHeaders(ctx.state, `P-Registrar-Error: ${error.info}\r\n`);
  if (error.code >= 500 && retryAfter > 0) addReplyHeaders(ctx.state, `Retry-After: ${retryAfter}\r\n`);
  send(ctx, error.code);
}
