/**
 * Message bodies by media type: the `type/subtype` of a Content-Type, and the parts of a
 * multipart body (RFC 2046) — each part's type and where its content lies in the body, without
 * the part's headers and without the line break before the next delimiter.
 */

export interface BodyPart {
  /** The part's media type (`text/plain` when the part has no Content-Type, as RFC 2046 says). */
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** `type/subtype` of a Content-Type value: lower-case, without parameters or blanks. */
export function mediaType(value: string): string {
  return value.split(";")[0]!.replace(/\s+/g, "").toLowerCase();
}

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  return match === null ? null : (match[1] ?? match[2] ?? null);
}

/** The parts of `body`, a multipart body with this Content-Type; none when it names no boundary. */
export function multipartParts(body: string, contentType: string): BodyPart[] {
  const boundary = boundaryOf(contentType);
  if (boundary === null) return [];
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
    const type = /^content-type[ \t]*:[ \t]*([^\r\n]*)/im.exec(body.slice(headersStart, contentStart));
    const end = body[next - 1] === "\r" ? next - 1 : next;
    if (contentStart <= end) parts.push({ type: type === null ? "text/plain" : mediaType(type[1]!), start: contentStart, end });
    at = next;
  }
  return parts;
}
