/**
 * m_store([owner]) (msilo.c): stores the MESSAGE being processed for an offline user in the silo
 * table — the owner's user and domain (the `owner` URI, else the current R-URI), the To and From
 * URIs, the body (NULL when empty), its Content-Type (required), the time it came in and its
 * expiry (`expire_time`, or the message's smaller Expires), snd_time 0. Refused (-1) past
 * `max_messages` stored for the owner. With `from_address` and `offline_message` set, the sender
 * is then told by a MESSAGE of the proxy's own (to its Contact when `use_contact`, else its From).
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import type { Arg } from "../functions.ts";
import { L_WARN } from "../log-level.ts";
import { parseUri, type SipUri } from "../sip/uri.ts";
import { sendNewRequest } from "../tm/new-request.ts";
import type { SiloSettings } from "./msilo-settings.ts";
import { siloFailure, usableSilo } from "./msilo-state.ts";
import { insertRow, selectRows } from "./sql-table.ts";

const FN = "m_store";

/** The message's Expires when positive and smaller than `expire_time`. */
function lifetime(ctx: Ctx, settings: SiloSettings): number {
  const expires = Number.parseInt(ctx.msg.header("expires") ?? "", 10);
  return expires > 0 && expires < settings.expireTime ? expires : settings.expireTime;
}

/** The value of a "Name: value\r\n" header parameter. */
function headerValue(header: string): string {
  return header.slice(header.indexOf(":") + 1).trim();
}

/** The first Contact of the message when it is a sip: URI, else null. */
function senderContact(ctx: Ctx): string | null {
  const contacts = ctx.msg.contacts;
  const first = contacts === null || contacts === "*" ? undefined : contacts[0];
  return first !== undefined && /^sip:[^ ]/i.test(first.uri) && first.uri.length >= 6 ? first.uri : null;
}

function notifySender(ctx: Ctx, settings: SiloSettings, fromUri: string): void {
  const notice = settings.notification;
  if (notice === null) return;
  const from = notice.from.render(ctx);
  const body = notice.body.render(ctx);
  const contentType = headerValue(notice.contentType.render(ctx));
  if (from === "" || body === "" || contentType === "") {
    ctx.log(L_WARN, `WARNING:msilo:m_store: cannot get the notification's From address, body or content type`);
    return;
  }
  const target = (settings.useContact ? senderContact(ctx) : null) ?? fromUri;
  sendNewRequest(ctx, {
    method: "MESSAGE",
    ruri: target,
    to: fromUri,
    from,
    body: `${contentType} ${body}`,
    context: null,
    headers: notice.contact?.render(ctx) ?? "",
    ...(settings.outboundProxy === null ? {} : { outboundProxy: settings.outboundProxy }),
  });
}

function ownerUri(ctx: Ctx, owner: Arg): SipUri | null {
  const given = textArg(owner);
  return parseUri(given ?? ctx.msg.ruri ?? "");
}

export function mStore(ctx: Ctx, [owner]: readonly Arg[]): number {
  const silo = usableSilo(ctx, FN);
  if (silo === null) return -1;
  const { settings } = silo.state;
  const column = (name: Parameters<typeof settings.columns.get>[0]): string => settings.columns.get(name)!;
  const to = ctx.msg.to;
  if (to === null) return siloFailure(ctx, FN, "cannot find 'to' header!");
  const uri = ownerUri(ctx, owner);
  if (uri === null) return siloFailure(ctx, FN, textArg(owner) === null ? "bad dst R-URI!!" : "bad owner SIP address!");
  if (uri.user === null || uri.user === "") return siloFailure(ctx, FN, "no username for owner");
  const ownerKeys = [
    [column("username"), uri.user],
    [column("domain"), uri.host],
  ] as const;
  if (settings.maxMessages > 0) {
    const stored = selectRows(ctx.engine, silo.url, settings.table, [column("inc_time")], ownerKeys);
    if (!stored.ok) return siloFailure(ctx, FN, `failed to query the database: ${stored.error}`);
    if (stored.rows.length >= settings.maxMessages) return siloFailure(ctx, FN, `too many messages for AoR '${uri.user}@${uri.host}'`);
  }
  const from = ctx.msg.from;
  if (from === null) return siloFailure(ctx, FN, "cannot find 'from' header!");
  const contentType = ctx.msg.header("content-type");
  if (contentType === null) return siloFailure(ctx, FN, "missing Content-Type header");
  const now = Math.floor(ctx.engine.env.now() / 1000);
  const body = ctx.msg.body;
  const written = insertRow(ctx.engine, silo.url, settings.table, [
    ...ownerKeys,
    [column("dst_addr"), to.uri],
    [column("src_addr"), from.uri],
    [column("body"), body === "" ? null : body],
    [column("ctype"), contentType],
    [column("exp_time"), now + lifetime(ctx, settings)],
    [column("inc_time"), now],
    [column("snd_time"), 0],
  ]);
  if (!written.ok) return siloFailure(ctx, FN, `failed to store message: ${written.error}`);
  notifySender(ctx, settings, from.uri);
  return 1;
}
