/**
 * Repairs a hand-written message (a `.sip` file given to the offline runner): such files have bare
 * LF line ends, a Content-Length nobody counted and trailing blank lines.
 */
import { Buffer } from "node:buffer";

const CONTENT_LENGTH_LINE = /^((?:content-length|l)[ \t]*:)[^\r\n]*/gim;

/**
 * Every line break becomes CRLF, leading blank lines go, a missing blank line after the headers
 * is added, trailing blank lines of the body collapse to one line break (a body of blank lines
 * only becomes empty), and Content-Length is set to the body's length in bytes (added when
 * missing and the body is not empty).
 */
export function fixSipText(raw: string): string {
  const text = raw.replace(/\r?\n/g, "\r\n").replace(/^(?:\r\n)+/, "");
  const boundary = text.indexOf("\r\n\r\n");
  let headers = boundary < 0 ? text : text.slice(0, boundary + 2);
  if (!headers.endsWith("\r\n")) headers += "\r\n";
  const body = boundary < 0 ? "" : text.slice(boundary + 4).replace(/(?:\r\n)+$/, "\r\n").replace(/^\r\n$/, "");
  const length = Buffer.byteLength(body, "utf8");
  CONTENT_LENGTH_LINE.lastIndex = 0;
  if (CONTENT_LENGTH_LINE.test(headers)) headers = headers.replace(CONTENT_LENGTH_LINE, `$1 ${length}`);
  else if (length > 0) headers += `Content-Length: ${length}\r\n`;
  return `${headers}\r\n${body}`;
}
