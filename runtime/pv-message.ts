/**
 * Message pseudo-variables (spec §8.3), read from the SIP message model. Writable: `$ru $rU $rd
 * $rp $du $dd $dp`; everything else is read-only. Integer-typed: `$rp $op $dp $sp $Rp $rs $cl
 * $ml $hdrcnt` (§7.6); `$cs` is a string, as in 3.6.
 */
import type { Ctx } from "./ctx.ts";
import { formatUri, parseUri, type SipUri } from "./sip/uri.ts";
import { paramValue } from "./sip/params.ts";
import { indexNumber, nameSpec, readOnlyPv, resolveName, writablePv, type Pv, type PvName } from "./pv-types.ts";
import { intOf, textOf } from "./transformations/value-text.ts";
import { parseIp } from "./transformations/ip-address.ts";
import type { Value } from "./value.ts";

type UriField = "user" | "host" | "port" | "transport";

/** A part of a URI: user, host, port (5060 when absent, as OpenSIPS reports it) or transport. */
function uriPart(uri: SipUri | null, field: UriField): Value {
  if (uri === null) return null;
  switch (field) {
    case "user":
      return uri.user;
    case "host":
      return uri.host;
    case "port":
      return uri.port ?? (uri.scheme === "sips" ? 5061 : 5060);
    case "transport":
      return paramValue(uri.params, "transport") ?? "udp";
  }
}

function parseOptional(text: string | null): SipUri | null {
  return text === null ? null : parseUri(text);
}

/** A port from a script value: an integer 0–65535 or its digits; null when it is none. */
function portOf(v: Value): number | null {
  const n = intOf(v) ?? indexNumber(v);
  return n !== null && n >= 0 && n <= 65535 ? n : null;
}

function ruriPv(spec: string, field: UriField | null): Pv {
  const get = (ctx: Ctx): Value => (field === null ? ctx.msg.ruri : uriPart(ctx.msg.parsedRuri, field));
  if (field === "transport") return readOnlyPv(spec, get);
  return writablePv(spec, get, (ctx, v) => {
    const msg = ctx.msg;
    const text = textOf(v);
    switch (field) {
      case null:
        return text !== null && msg.setRuri(text);
      case "user":
        return msg.setRuriUser(text === "" ? null : text);
      case "host":
        return text !== null && text !== "" && msg.setRuriHost(text);
      case "port": {
        if (v === null) return msg.setRuriPort(null);
        const port = portOf(v);
        return port !== null && msg.setRuriPort(port);
      }
    }
  });
}

/** `$du` and its parts; `$du = null` resets it, `$dd`/`$dp` on an unset `$du` start from `sip:`. */
function dstPv(spec: string, field: Exclude<UriField, "user"> | null): Pv {
  const get = (ctx: Ctx): Value => (field === null ? ctx.state.dstUri : uriPart(parseOptional(ctx.state.dstUri), field));
  if (field === "transport") return readOnlyPv(spec, get);
  return writablePv(spec, get, (ctx, v) => {
    const state = ctx.state;
    if (field === null) {
      state.dstUri = textOf(v);
      return true;
    }
    const current = parseOptional(state.dstUri) ?? { scheme: "sip", user: null, password: null, host: "", port: null, params: [], headers: [] };
    if (field === "host") {
      const host = textOf(v);
      if (host === null || host === "") return false;
      state.dstUri = formatUri({ ...current, host });
      return true;
    }
    const port = v === null ? null : portOf(v);
    if (v !== null && port === null) return false;
    state.dstUri = formatUri({ ...current, port });
    return true;
  });
}

function fromToPv(spec: string, which: "from" | "to", field: "uri" | "user" | "host" | "display" | "tag"): Pv {
  return readOnlyPv(spec, (ctx) => {
    const msg = ctx.msg;
    const header = which === "from" ? msg.from : msg.to;
    switch (field) {
      case "uri":
        return header?.uri ?? null;
      case "display":
        return header?.display ?? null;
      case "tag":
        return which === "from" ? msg.fromTag : msg.toTag;
      case "user":
      case "host":
        return uriPart(which === "from" ? msg.fromUri : msg.toUri, field);
    }
  });
}

/** `$hdr(name)`: the first field's value; indexable over every field called `name`. */
function headerPv(name: PvName): Pv {
  return readOnlyPv(
    `$hdr(${nameSpec(name)})`,
    (ctx) => {
      const n = resolveName(ctx, name);
      return n === null ? null : ctx.msg.header(n);
    },
    (ctx) => {
      const n = resolveName(ctx, name);
      return n === null ? [] : ctx.msg.allHeaderValues(n);
    },
  );
}

function headerCountPv(name: PvName): Pv {
  return readOnlyPv(`$hdrcnt(${nameSpec(name)})`, (ctx) => {
    const n = resolveName(ctx, name);
    return n === null ? null : ctx.msg.headerCount(n);
  });
}

const headerNamePv = readOnlyPv(
  "$hdr_name",
  (ctx) => ctx.msg.headerFields[0]?.name ?? null,
  (ctx) => ctx.msg.headerFields.map((f) => f.name),
);

const contactPv = readOnlyPv(
  "$ct",
  (ctx) => ctx.msg.headerListValues("contact")[0] ?? null,
  (ctx) => ctx.msg.headerListValues("contact"),
);

/** The socket the message arrived on: the script's first socket (`$Ri`, `$Rp`). */
function localSocket(ctx: Ctx): { host: string; port: number } | null {
  const socket = ctx.engine.script.sockets[0];
  return socket === undefined ? null : { host: socket.host, port: socket.port ?? 5060 };
}

function txPv(spec: string, read: (ctx: Ctx) => Value): Pv {
  return readOnlyPv(spec, (ctx) => (ctx.transaction === null ? null : read(ctx)));
}

/** Message PVs by name; those with an argument (`$hdr(name)`) take it as a PvName. */
export const MESSAGE_PVS: ReadonlyMap<string, (arg: PvName | null) => Pv> = new Map<string, (arg: PvName | null) => Pv>([
  ["ru", () => ruriPv("$ru", null)],
  ["ruri", () => ruriPv("$ruri", null)],
  ["rU", () => ruriPv("$rU", "user")],
  ["ruri.user", () => ruriPv("$ruri.user", "user")],
  ["rd", () => ruriPv("$rd", "host")],
  ["ruri.domain", () => ruriPv("$ruri.domain", "host")],
  ["rp", () => ruriPv("$rp", "port")],
  ["rP", () => ruriPv("$rP", "transport")],
  ["ou", () => readOnlyPv("$ou", (ctx) => ctx.msg.originalRuri)],
  ["ouri", () => readOnlyPv("$ouri", (ctx) => ctx.msg.originalRuri)],
  ["oU", () => readOnlyPv("$oU", (ctx) => uriPart(ctx.msg.parsedOriginalRuri, "user"))],
  ["od", () => readOnlyPv("$od", (ctx) => uriPart(ctx.msg.parsedOriginalRuri, "host"))],
  ["op", () => readOnlyPv("$op", (ctx) => uriPart(ctx.msg.parsedOriginalRuri, "port"))],
  ["oP", () => readOnlyPv("$oP", (ctx) => uriPart(ctx.msg.parsedOriginalRuri, "transport"))],
  ["du", () => dstPv("$du", null)],
  ["duri", () => dstPv("$duri", null)],
  ["dd", () => dstPv("$dd", "host")],
  ["dp", () => dstPv("$dp", "port")],
  ["dP", () => dstPv("$dP", "transport")],
  ["fu", () => fromToPv("$fu", "from", "uri")],
  ["from", () => fromToPv("$from", "from", "uri")],
  ["fU", () => fromToPv("$fU", "from", "user")],
  ["from.user", () => fromToPv("$from.user", "from", "user")],
  ["fd", () => fromToPv("$fd", "from", "host")],
  ["from.domain", () => fromToPv("$from.domain", "from", "host")],
  ["fn", () => fromToPv("$fn", "from", "display")],
  ["ft", () => fromToPv("$ft", "from", "tag")],
  ["tu", () => fromToPv("$tu", "to", "uri")],
  ["to", () => fromToPv("$to", "to", "uri")],
  ["tU", () => fromToPv("$tU", "to", "user")],
  ["to.user", () => fromToPv("$to.user", "to", "user")],
  ["td", () => fromToPv("$td", "to", "host")],
  ["to.domain", () => fromToPv("$to.domain", "to", "host")],
  ["tn", () => fromToPv("$tn", "to", "display")],
  ["tt", () => fromToPv("$tt", "to", "tag")],
  ["ci", () => readOnlyPv("$ci", (ctx) => ctx.msg.callId)],
  ["cs", () => readOnlyPv("$cs", (ctx) => ctx.msg.cseq?.number ?? null)],
  ["cl", () => readOnlyPv("$cl", (ctx) => ctx.msg.contentLength)],
  ["cT", () => readOnlyPv("$cT", (ctx) => ctx.msg.contentType)],
  ["ct", () => contactPv],
  ["ua", () => readOnlyPv("$ua", (ctx) => ctx.msg.userAgent)],
  ["rb", () => readOnlyPv("$rb", (ctx) => ctx.msg.body)],
  ["mb", () => readOnlyPv("$mb", (ctx) => ctx.msg.text)],
  ["ml", () => readOnlyPv("$ml", (ctx) => ctx.msg.byteLength)],
  ["rm", () => readOnlyPv("$rm", (ctx) => ctx.msg.method)],
  ["rs", () => readOnlyPv("$rs", (ctx) => ctx.msg.statusCode)],
  ["rr", () => readOnlyPv("$rr", (ctx) => ctx.msg.reason)],
  ["rt", () => readOnlyPv("$rt", (ctx) => ctx.msg.header("refer-to"))],
  ["ai", () => readOnlyPv("$ai", (ctx) => ctx.msg.header("p-asserted-identity"))],
  ["si", () => readOnlyPv("$si", (ctx) => ctx.source.ip)],
  ["src_ip", () => readOnlyPv("$src_ip", (ctx) => ctx.source.ip)],
  ["sp", () => readOnlyPv("$sp", (ctx) => ctx.source.port)],
  ["pr", () => readOnlyPv("$pr", (ctx) => ctx.source.proto)],
  ["proto", () => readOnlyPv("$proto", (ctx) => ctx.source.proto)],
  ["af", () => readOnlyPv("$af", (ctx) => (parseIp(ctx.source.ip)?.length === 16 ? "INET6" : "INET"))],
  ["Ri", () => readOnlyPv("$Ri", (ctx) => localSocket(ctx)?.host ?? null)],
  ["Rp", () => readOnlyPv("$Rp", (ctx) => localSocket(ctx)?.port ?? null)],
  ["msg.is_request", () => readOnlyPv("$msg.is_request", (ctx) => (ctx.msg.isRequest ? 1 : 0))],
  ["msg.type", () => readOnlyPv("$msg.type", (ctx) => (ctx.msg.isRequest ? "request" : "reply"))],
  ["hdr", (arg) => headerPv(arg ?? "")],
  ["hdrcnt", (arg) => headerCountPv(arg ?? "")],
  ["hdr_name", () => headerNamePv],
  ["T_reply_code", () => txPv("$T_reply_code", (ctx) => ctx.transaction!.replyCode ?? 0)],
  ["T_id", () => txPv("$T_id", (ctx) => ctx.transaction!.id)],
  ["T_ruri", () => txPv("$T_ruri", (ctx) => ctx.transaction!.state.msg.ruri)],
]);
