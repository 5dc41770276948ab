/**
 * Where the SDP is in a message body, and the nortpproxy marker. The body is SDP when its
 * Content-Type is application/sdp or absent; in a multipart body each application/sdp part is.
 */
export interface BodyPart {
  readonly start: number;
  readonly end: number;
}

function mediaType(value: string): string {
  return value.split(";")[0]!.trim().toLowerCase();
}

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  return match === null ? null : (match[1] ?? match[2]!);
}

/** The application/sdp parts of a multipart body, without their headers. */
function multipartSdp(body: string, boundary: string): BodyPart[] {
  const parts: BodyPart[] = [];
  const delimiter = `--${boundary}`;
  let at = body.startsWith(delimiter) ? 0 : body.indexOf(`\n${delimiter}`);
  while (at >= 0) {
    const lineStart = body[at] === "\n" ? at + 1 : at;
    const afterDelimiter = lineStart + delimiter.length;
    if (body.startsWith("--", afterDelimiter)) break;
    const headersStart = body.indexOf("\n", afterDelimiter) + 1;
    const next = body.indexOf(`\n${delimiter}`, afterDelimiter);
    if (headersStart === 0 || next < 0) break;
    const blank = /\r?\n\r?\n/.exec(body.slice(headersStart - 1, next));
    const contentStart = blank === null ? next : headersStart - 1 + blank.index + blank[0].length;
    const headers = body.slice(headersStart, contentStart);
    const type = /^content-type[ \t]*:[ \t]*([^\r\n]*)/im.exec(headers);
    const end = body[next - 1] === "\r" ? next - 1 : next;
    if (type !== null && mediaType(type[1]!) === "application/sdp" && contentStart <= end) parts.push({ start: contentStart, end });
    at = next;
  }
  return parts;
}

export function sdpParts(body: string, contentType: string | null): BodyPart[] {
  const type = contentType === null ? "application/sdp" : mediaType(contentType);
  if (type === "application/sdp") return [{ start: 0, end: body.length }];
  const boundary = type.startsWith("multipart/") && contentType !== null ? boundaryOf(contentType) : null;
  return boundary === null ? [] : multipartSdp(body, boundary);
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
