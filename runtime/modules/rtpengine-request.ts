/**
 * The dictionary of one ng command, built from the message and the flags as OpenSIPS's
 * rtpe_function_call_prepare() builds it: `sdp` (offer/answer), what the flags add, `direction`,
 * `flags`, `replace`, `transport-protocol`, `rtcp-mux`, `call-id`, `via-branch`, `received-from`,
 * the tags and `command`. A request sends its From tag as `from-tag` (and its To tag as
 * `to-tag`); an answer to a request, or an offer in a reply, swaps them. A delete sends no tag
 * unless `to-tag` is among its flags; the media commands send `from-tag` only when it is
 * directional.
 */
import { isIP } from "node:net";
import type { Ctx } from "../ctx.ts";
import { viaBranch } from "../sip/via.ts";
import type { Bencoded, BencodeDict } from "./rtpengine-bencode.ts";
import { parseFlags, TRANSPORTS, type NgFlags, type RtpeOperation } from "./rtpengine-flags.ts";
import type { RtpengineSettings } from "./rtpengine-settings.ts";

export interface CommandInput {
  readonly op: RtpeOperation;
  /** The flags string; null when the function got none. */
  readonly flags: string | null;
  /** The SDP sent with an offer or an answer. */
  readonly sdp?: string;
  /** Entries placed first (play DTMF's `code`). */
  readonly leading?: readonly (readonly [string, Bencoded])[];
}

export interface Command {
  /** The command actually sent (`force-answer` turns an offer into an answer). */
  readonly op: RtpeOperation;
  readonly dict: BencodeDict;
  readonly callId: string;
}

/** The command, or the error OpenSIPS logs for it; `flagError` is parse_flags' own line. */
export type Prepared = { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly error: string; readonly flagError?: string };

const MEDIA_COMMANDS: ReadonlySet<RtpeOperation> = new Set([
  "play media",
  "stop media",
  "block media",
  "unblock media",
  "block DTMF",
  "unblock DTMF",
  "start forwarding",
  "stop forwarding",
]);

function viaBranchValue(ctx: Ctx, ng: NgFlags, settings: RtpengineSettings): string | null {
  const via = ng.via;
  if (via === null) return null;
  switch (via.kind) {
    case "via": {
      const header = ctx.msg.vias?.[via.index - 1];
      return header === undefined ? "" : (viaBranch(header) ?? "");
    }
    case "extra":
      return settings.extraId === null ? "" : settings.extraId.render(ctx);
    case "param":
      return via.value;
    case "auto":
      // OpenSIPS accepts the word but has no branch for it.
      return "";
  }
}

function receivedFrom(ctx: Ctx, ng: NgFlags): Bencoded[] | null {
  const ip = ng.receivedFrom ?? ctx.source.ip;
  const family = isIP(ip);
  if (family === 0) return ng.receivedFrom === null ? ["?", ip] : null;
  return [family === 4 ? "IP4" : "IP6", ip];
}

interface Tags {
  readonly from: string;
  readonly to: string | null;
  /** False for play DTMF, whose dictionary OpenSIPS starts with its code: it never sends a to-tag. */
  readonly sendTo: boolean;
}

/** Which tags go with the command, under which names. */
function tagEntries(ctx: Ctx, ng: NgFlags, tags: Tags): [string, string][] | string {
  const { from, to, sendTo } = tags;
  if (MEDIA_COMMANDS.has(ng.op)) return ng.directional ? [["from-tag", from]] : [];
  const request = ctx.msg.isRequest;
  const asSent = ng.directional || (request && ng.op !== "answer") || (!request && (ng.op === "delete" || ng.op === "answer"));
  if (asSent) {
    const entries: [string, string][] = ng.op === "delete" ? [] : [["from-tag", from]];
    if (sendTo && ng.withToTag && to !== null && to !== "") entries.push(["to-tag", to]);
    return entries;
  }
  if (to === null || to === "") return "No to-tag present";
  return sendTo
    ? [
        ["from-tag", to],
        ["to-tag", from],
      ]
    : [["from-tag", to]];
}

export function prepareCommand(ctx: Ctx, input: CommandInput, settings: RtpengineSettings): Prepared {
  const dict = new Map<string, Bencoded>(input.leading?.map(([k, v]) => [k, v]));
  if (input.op === "offer" || input.op === "answer") dict.set("sdp", input.sdp ?? "");
  const parsed = parseFlags(input.op, input.flags);
  if (!parsed.ok) return { ok: false, error: "could not parse flags", flagError: parsed.error };
  const ng = parsed.flags;
  for (const [key, value] of ng.entries) dict.set(key, value);

  const callId = ng.callId || ctx.msg.callId?.trim();
  if (!callId) return { ok: false, error: "can't get Call-Id field" };
  if (ctx.msg.header("to") === null) return { ok: false, error: "can't get To tag" };
  const toTag = ng.toTag || ctx.msg.toTag;
  const fromTag = ng.fromTag || ctx.msg.fromTag;
  if (!fromTag) return { ok: false, error: "can't get From tag" };

  if (ng.direction !== null && ng.direction.length > 0) dict.set("direction", ng.direction);
  if (ng.flags.length > 0) dict.set("flags", ng.flags);
  if (ng.replace !== null && ng.replace.length > 0) dict.set("replace", ng.replace);
  if ((ng.transport & 0x100) !== 0) dict.set("transport-protocol", TRANSPORTS[ng.transport & 0x007] ?? TRANSPORTS[0]!);
  if (ng.rtcpMux !== null && ng.rtcpMux.length > 0) dict.set("rtcp-mux", ng.rtcpMux);
  dict.set("call-id", callId);
  const branch = viaBranchValue(ctx, ng, settings);
  if (branch !== null) {
    if (branch === "") return { ok: false, error: "can't get Via branch/extra ID" };
    dict.set("via-branch", branch);
  }
  const from = receivedFrom(ctx, ng);
  if (from === null) return { ok: false, error: "received-from value is not an IP" };
  dict.set("received-from", from);
  const tags = tagEntries(ctx, ng, { from: fromTag, to: toTag, sendTo: input.leading === undefined });
  if (typeof tags === "string") return { ok: false, error: tags };
  for (const [key, value] of tags) dict.set(key, value);
  dict.set("command", ng.op);
  return { ok: true, command: { op: ng.op, dict, callId } };
}
