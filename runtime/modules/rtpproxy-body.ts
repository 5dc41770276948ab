/**
 * Where the SDP is in a message body, and the nortpproxy marker. The body is SDP when its
 * Content-Type is application/sdp or absent; in a multipart body each application/sdp part is.
 */
import { mediaType, multipartParts, type BodyPart } from "../sip/multipart.ts";
/** The SDP parts of a body: the whole body when it is SDP, else the SDP parts of a multipart body. */
export function sdpParts(body: string, contentType: string | null): BodyPart[] {
  const type = contentType === null ? "application/sdp" : mediaType(contentType);
  if (type === "application/sdp") return [{ type, start: 0, end: body.length }];
  if (!type.startsWith("multipart/") || contentType === null) return [];
  return multipartParts(body, contentType).filter((part) => part.type === "application/sdp");
}

/** The marker at the start of a line of `sdp` (as OpenSIPS looks for it: right after a line break, or first). */
export function hasMarker(sdp: string, marker: string): boolean {
  for (let at = sdp.indexOf(marker); at >= 0; at = sdp.indexOf(marker, at + marker.length)) {
    if (at === 0 || sdp[at - 1] === "\n" || sdp[at - 1] === "\r") return true;
  }
  return false;
}

/** Where OpenSIPS adds the marker line to a message's SDP: after its last CRLF (at the end without one). */
export function markerPosition(sdp: string): number {
  const last = sdp.lastIndexOf("\r\n");
  return last < 0 ? sdp.length : last + 2;
}
