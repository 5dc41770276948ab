/**
 * Replies built by the proxy itself (sl_send_reply, t_reply), as RFC 3261 §8.2.6 and OpenSIPS's
 * build_res_buf_from_sip_req do it: the request's Via, From, To, Call-ID and CSeq fields are
 * copied in their order, Record-Route too for 180–299 replies; a To-tag is added to replies from
 * 180 up when the request has none.
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { crc16 } from "./crc16.ts";
import type { MessageView } from "./message-view.ts";
import { stampReceived, type Source } from "./via-received.ts";

export interface ReplyOptions {
  /** Raw header lines added after the copied ones (append_to_reply), CRLF included. */
  readonly headers?: string;
  /** The body (append_body_to_reply); its Content-Type comes with `headers`. */
  readonly body?: string;
  /** The To-tag to add; defaults to `localToTag(request)`. */
  readonly toTag?: string;
  /** The value of a Server header; no Server header when omitted. */
  readonly server?: string;
  /** Where the request came from: stamps received/rport into the top Via. */
  readonly source?: Source;
}

/** The reply's text. Never fails: a request without some of the copied headers gives a reply without them. */
export function buildReply(request: MessageView, code: number, reason: string, options: ReplyOptions = {}): string {
  const addTag = code >= 180 && !request.toTag;
  let out = `SIP/2.0 ${code} ${oneLine(reason)}\r\n`;
  let topVia = true;
  for (const field of request.headerFields) {
    switch (field.key) {
      case "via":
        out += `${field.name}: ${topVia && options.source ? stampReceived(field.value, options.source) : field.value}\r\n`;
        topVia = false;
        break;
      case "record-route":
        if (code >= 180 && code < 300) out += `${field.name}: ${field.value}\r\n`;
        break;
      case "to":
        out += `${field.name}: ${field.value}${addTag ? `;tag=${options.toTag ?? localToTag(request)}` : ""}\r\n`;
        break;
      case "from":
      case "call-id":
      case "cseq":
        out += `${field.name}: ${field.value}\r\n`;
        break;
    }
  }
  out += options.headers ?? "";
  if (options.server !== undefined) out += `Server: ${oneLine(options.server)}\r\n`;
  const body = options.body ?? "";
  return `${out}Content-Length: ${Buffer.byteLength(body, "utf8")}\r\n\r\n${body}`;
}

/** OpenSIPS's stateless tags: a fixed 32-hex-digit prefix (an MD5 in OpenSIPS), '-', a CRC suffix. */
const TAG_PREFIX = createHash("md5").update("OpenSIPS-stateless").digest("hex");

/**
 * The To-tag the proxy gives its own replies to `request`, built as OpenSIPS's sl does: the fixed
 * prefix and a CRC of the request's Call-ID, From-tag, CSeq and top Via, so every reply to one
 * request (and to its retransmissions) carries the same tag, and offline traces are reproducible.
 */
export function localToTag(request: MessageView): string {
  const crc = crc16([request.callId ?? "", request.fromTag ?? "", request.cseq?.number ?? "", request.topViaText ?? ""]);
  return `${TAG_PREFIX}-${crc.toString(16).padStart(4, "0")}`;
}

/** Line breaks in a header-line text would end the line early: they become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}
