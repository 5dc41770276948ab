/**
 * The first line of a SIP message: a Request-Line (`INVITE sip:bob@b.org SIP/2.0`) or a
 * Status-Line (`SIP/2.0 180 Ringing`).
 */

export interface RequestLine {
  readonly kind: "request";
  readonly method: string;
  readonly uri: string;
  readonly version: string;
}

export interface StatusLine {
  readonly kind: "reply";
  readonly version: string;
  readonly code: number;
  readonly reason: string;
}

export type StartLine = RequestLine | StatusLine;

const REQUEST_LINE = /^([!%'*+.0-9A-Z_`a-z~-]+)[ \t]+(\S+)[ \t]+(SIP\/[0-9]+\.[0-9]+)[ \t]*$/i;
const STATUS_LINE = /^(SIP\/[0-9]+\.[0-9]+)[ \t]+([0-9]{3})(?:[ \t]+(.*))?$/i;
const STATUS_PREFIX = /^SIP\/\S*[ \t]/i;

/** Parses a start line (without its line break); an error message when it is not one. */
export function parseStartLine(line: string): StartLine | { readonly error: string } {
  if (STATUS_PREFIX.test(line)) {
    const status = STATUS_LINE.exec(line);
    if (status === null) return { error: `bad status line: ${quote(line)}` };
    const code = Number(status[2]);
    if (code < 100 || code > 699) return { error: `bad status code ${code} (must be 100-699)` };
    return { kind: "reply", version: status[1]!, code, reason: status[3] ?? "" };
  }
  const request = REQUEST_LINE.exec(line);
  if (request === null) return { error: `bad request line: ${quote(line)}` };
  return { kind: "request", method: request[1]!, uri: request[2]!, version: request[3]! };
}

/** A start line for an error message: at most 60 characters, control characters escaped. */
function quote(line: string): string {
  const shown = line.length > 60 ? `${line.slice(0, 60)}...` : line;
  return JSON.stringify(shown);
}
