/**
 * The SDP of a message, as rtpengine's extract_body() finds it in the body as received: the whole
 * body for `application/sdp` (or no Content-Type, with a warning), else the `application/sdp`
 * part of a `multipart/mixed` body. Its place is kept so the SDP rtpengine returns can replace
 * exactly that text; Content-Length follows when the message is sent.
 */
import type { SipMessage } from "../sip/message.ts";
import { mediaType, multipartParts } from "../sip/multipart.ts";

/** Where the SDP lies in the received body; a failure carries the lines OpenSIPS logs. */
export type SdpLocation =
  | { readonly ok: true; readonly start: number; readonly end: number; readonly warning: string | null }
  | { readonly ok: false; readonly errors: readonly string[] };

export function locateSdp(msg: SipMessage): SdpLocation {
  const body = msg.body;
  if (body === "") return { ok: false, errors: ["failed to get the message body"] };
  const contentType = msg.contentType?.trim() ?? null;
  if (contentType === null) {
    const warning = "the header Content-TYPE is absent!let's assume the content is text/plain ;-)";
    return { ok: true, start: 0, end: body.length, warning };
  }
  const type = mediaType(contentType);
  if (type === "multipart/mixed") {
    const part = multipartParts(body, contentType).find((p) => p.type === "application/sdp");
    return part === undefined ? { ok: false, errors: [] } : { ok: true, start: part.start, end: part.end, warning: null };
  }
  if (type !== "application/sdp") return { ok: false, errors: ["invalid type for a message", "content type mismatching"] };
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
