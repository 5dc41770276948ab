/**
 * The SDP of a message, as rtpengine's extract_body() finds it in the body as received: the whole
 * body for `application/sdp` (or no Content-Type, with a warning), else the `application/sdp`
 * part of a `multipart/mixed` body. Its place is kept so the SDP rtpengine returns can replace
 * exactly that text; Content-Length follows when the message is sent.
 */
import type { SipMessage } from "../sip/message.ts";

/** Where the SDP lies in the received body; a failure carries the lines OpenSIPS logs. */
export type SdpLocation =
  | { readonly ok: true; readonly start: number; readonly end: number; readonly warning: string | null }
  | { readonly ok: false; readonly errors: readonly string[] };

const SDP_TYPE = /^application[ \t]*\/[ \t]*sdp(?:[;\s]|$)/i;

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  return match === null ? null : (match[1] ?? match[2] ?? null);
}

/** The SDP part of a multipart body: its content without the line breaks around it. */
function multipartSdp(body: string, boundary: string): { start: number; end: number } | null {
  const delimiter = `--${boundary}`;
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    const partEnd = next < 0 ? body.length : next;
    const headersStart = body.indexOf("\n", at) + 1;
    const blank = /\r?\n\r?\n/.exec(body.slice(headersStart, partEnd));
    if (headersStart > 0 && blank !== null) {
      const headers = body.slice(headersStart, headersStart + blank.index);
      const type = /^content-type[ \t]*:[ \t]*([^\r\n]*)/im.exec(headers)?.[1] ?? "";
      if (SDP_TYPE.test(type.trim())) {
        const start = headersStart + blank.index + blank[0].length;
        const content = body.slice(start, partEnd).replace(/\r?\n$/, "");
        return { start, end: start + content.length };
      }
    }
    at = next;
  }
  return null;
}

export function locateSdp(msg: SipMessage): SdpLocation {
  const body = msg.body;
  if (body === "") return { ok: false, errors: ["failed to get the message body"] };
  const contentType = msg.contentType?.trim() ?? null;
  if (contentType === null) {
    const warning = "the header Content-TYPE is absent!let's assume the content is text/plain ;-)";
    return { ok: true, start: 0, end: body.length, warning };
  }
  if (/^multipart\/mixed/i.test(contentType)) {
    const boundary = boundaryOf(contentType);
    const part = boundary === null ? null : multipartSdp(body, boundary);
    return part === null ? { ok: false, errors: [] } : { ok: true, ...part, warning: null };
  }
  if (!SDP_TYPE.test(contentType)) return { ok: false, errors: ["invalid type for a message", "content type mismatching"] };
  return { ok: true, start: 0, end: body.length, warning: null };
}

/** has_body_part(application/sdp): the body is SDP, or a multipart body has an SDP part. */
export function hasSdp(msg: SipMessage): boolean {
  const located = locateSdp(msg);
  return located.ok && located.warning === null;
}

/** The SDP text at `location`. */
export function sdpText(msg: SipMessage, location: { readonly start: number; readonly end: number }): string {
  return msg.body.slice(location.start, location.end);
}

/** Replaces the SDP at `location` of the received body with `sdp`, as the message's new body. */
export function replaceSdp(msg: SipMessage, location: { readonly start: number; readonly end: number }, sdp: string): void {
  const body = msg.body;
  msg.setBody(body.slice(0, location.start) + sdp + body.slice(location.end));
}
