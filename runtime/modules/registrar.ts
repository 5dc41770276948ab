/**
 * registrar (with an in-memory usrloc, registrar-location.ts): save() stores the Contacts of a
 * REGISTER for its address of record (with their q, the REGISTER's branch flags and the methods
 * they accept) and answers 200 OK listing the current bindings; lookup() (registrar-lookup.ts)
 * rewrites the Request-URI to the best registered contact and adds the others as branches of the
 * destination set, so t_relay forks to all of them; is_registered() tells whether an AOR has
 * contacts; remove() drops bindings.
 */
import { textArg } from "../args.ts";
import type { Ctx } from "../ctx.ts";
import { parseQ } from "../dset.ts";
import type { ModuleImpl } from "../functions.ts";
import { L_ERR } from "../log-level.ts";
import { parseNameAddr } from "../sip/name-addr.ts";
import { paramValue } from "../sip/params.ts";
import { intModParam } from "./modparams.ts";
import { aorOf, locationTables, type Binding } from "./registrar-location.ts";
import { lookup } from "./registrar-lookup.ts";
import { replyLumps } from "./reply-lumps.ts";

const DEFAULT_EXPIRES = 3600;
const DEFAULT_MIN_EXPIRES = 60;

/** A contact's q (0…1000): its `q` param, else registrar's default_q. */
function qOf(ctx: Ctx, text: string | null | undefined): number {
  const q = text === null || text === undefined ? null : parseQ(text);
  return q ?? intModParam(ctx.engine.script, "registrar", "default_q", 0);
}

/** The methods a contact accepts: its `methods` param, else the REGISTER's Allow header; null when neither says. */
export function methodsOf(ctx: Ctx, param: string | null | undefined): string[] | null {
  const listed = typeof param === "string" ? param.replace(/^"|"$/g, "").split(",") : ctx.msg.headerListValues("allow");
  const methods = listed.map((m) => m.trim().toUpperCase()).filter((m) => m !== "");
  return methods.length > 0 ? methods : null;
}

/** The expiry a contact asks for: its `expires` param, else the Expires header, else default_expires; min/max applied. */
function requestedExpires(ctx: Ctx, contactParam: string | null | undefined): number {
  const script = ctx.engine.script;
  const header = ctx.msg.header("expires");
  const raw = contactParam ?? header ?? null;
  const asked = raw !== null && /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : intModParam(script, "registrar", "default_expires", DEFAULT_EXPIRES);
  if (asked === 0) return 0;
  const max = intModParam(script, "registrar", "max_expires", 0);
  return Math.max(Math.min(asked, max > 0 ? max : asked), intModParam(script, "registrar", "min_expires", DEFAULT_MIN_EXPIRES));
}

function save(ctx: Ctx, table: string | null, flags: string | null, aorText: string | null): number {
  if (table === null || ctx.msg.method !== "REGISTER") return -1;
  const aor = aorOf(ctx, aorText ?? ctx.msg.to?.uri);
  const cseq = Number(ctx.msg.cseq?.number ?? 0);
  const callId = ctx.msg.callId ?? "";
  if (aor === null) {
    ctx.log(L_ERR, "ERROR:registrar:save: no address of record (To user)");
    return -1;
  }
  const locations = locationTables(ctx.engine);
  const contacts = ctx.msg.contacts;
  if (contacts === null) return -1;
  let bindings = locations.bindings(table, aor);
  if (contacts === "*") {
    if (requestedExpires(ctx, null) !== 0) return -1;
    bindings = [];
  } else {
    for (const contact of contacts) {
      const expires = requestedExpires(ctx, paramValue(contact.params, "expires"));
      bindings = bindings.filter((b) => b.uri !== contact.uri);
      if (expires === 0) continue;
      bindings.push({
        uri: contact.uri,
        expires: locations.clock + expires,
        q: qOf(ctx, paramValue(contact.params, "q")),
        callId,
        cseq,
        received: `sip:${ctx.source.ip}:${ctx.source.port}`,
        userAgent: ctx.msg.userAgent,
        flags: ctx.state.branchFlags,
        methods: methodsOf(ctx, paramValue(contact.params, "methods")),
      });
    }
  }
  locations.store(table, aor, bindings);
  if (!(flags ?? "").includes("r")) replyWithBindings(ctx, locations.bindings(table, aor), locations.clock);
  return 1;
}

function replyWithBindings(ctx: Ctx, bindings: readonly Binding[], now: number): void {
  const contacts = bindings.map((b) => `Contact: <${b.uri}>;expires=${b.expires - now}\r\n`).join("");
  const lumps = replyLumps(ctx.state);
  ctx.sendReply(200, "OK", { ...lumps, headers: contacts + (lumps.headers ?? "") });
}

function isRegistered(ctx: Ctx, table: string | null, aorText: string | null): number {
  if (table === null) return -1;
  const fallback = ctx.msg.method === "REGISTER" ? ctx.msg.to?.uri : ctx.msg.ruri;
  const aor = aorOf(ctx, aorText ?? fallback);
  return aor !== null && locationTables(ctx.engine).bindings(table, aor).length > 0 ? 1 : -1;
}

/** remove(table, aor[, contact]): drops every binding of the AOR, or the one contact. */
function remove(ctx: Ctx, table: string | null, aorText: string | null, contact: string | null): number {
  const aor = aorOf(ctx, aorText);
  if (table === null || aor === null) return -1;
  const locations = locationTables(ctx.engine);
  const bindings = locations.bindings(table, aor);
  const wanted = contact === null ? null : (parseNameAddr(contact)?.uri ?? contact);
  locations.store(table, aor, wanted === null ? [] : bindings.filter((b) => b.uri !== wanted));
  return 1;
}

export const registrar: ModuleImpl = {
  name: "registrar",
  functions: new Map([
    ["save", { call: (ctx, [table, flags, aor]) => save(ctx, textArg(table), textArg(flags), textArg(aor)) }],
    ["lookup", { call: (ctx, [table, flags, aor]) => lookup(ctx, textArg(table), textArg(flags), textArg(aor)) }],
    ["is_registered", { call: (ctx, [table, aor]) => isRegistered(ctx, textArg(table), textArg(aor)) }],
    ["remove", { call: (ctx, [table, aor, contact]) => remove(ctx, textArg(table), textArg(aor), textArg(contact)) }],
  ]),
};
