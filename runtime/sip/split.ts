/**
 * The one eager pass over a SIP message: the start line, the header fields cut at their line
 * breaks (CRLF or bare LF, folded continuation lines joined to their field) and the body.
 * Header values are not parsed here; SipMessage parses them when they are first asked for.
 */
import { Buffer } from "node:buffer";
import { HeaderField } from "./header-field.ts";
import { isTokenName } from "./header-names.ts";
import { isSipSpace } from "./scan.ts";
import { parseStartLine, type StartLine } from "./start-line.ts";

export interface SplitMessage {
  /** The message as parsed: start line to the end of the body (leading blank lines and bytes past Content-Length dropped). */
  readonly text: string;
  readonly startLine: StartLine;
  /** The start line with its line break. */
  readonly startLineRaw: string;
  readonly fields: readonly HeaderField[];
  /** The blank line closing the header section (`\r\n` or `\n`); empty when the input had none. */
  readonly separator: string;
  readonly body: string;
  /** True when serialising the message unchanged gives `text` back: it has a blank line after
   *  the headers and one Content-Length that matches the body (or none and no body). */
  readonly canonical: boolean;
}

type Failure = { readonly error: string };

const LF = 10;
const CR = 13;
const SP = 32;
const HT = 9;

/** Splits a message; an error message when it is not a SIP message. */
export function splitSipMessage(raw: string | Buffer): SplitMessage | Failure {
  const s = typeof raw === "string" ? raw : raw.toString("utf8");
  let start = 0;
  while (start < s.length && (s.charCodeAt(start) === CR || s.charCodeAt(start) === LF)) start++;
  if (start === s.length) return { error: "empty message" };

  const firstBreak = s.indexOf("\n", start);
  const firstEnd = firstBreak < 0 ? s.length : firstBreak;
  const firstLine = s.slice(start, s.charCodeAt(firstEnd - 1) === CR ? firstEnd - 1 : firstEnd);
  const startLine = parseStartLine(firstLine);
  if ("error" in startLine) return startLine;

  const headers = splitHeaders(s, firstBreak < 0 ? s.length : firstBreak + 1);
  if ("error" in headers) return headers;
  const { fields, separator, bodyStart } = headers;

  let lengthFields = 0;
  let declared: number | null = null;
  for (const field of fields) {
    if (field.is("content-length") && lengthFields++ === 0) declared = parseContentLength(field.value);
  }
  const rest = s.slice(bodyStart);
  const restBytes = rest === "" ? 0 : Buffer.byteLength(rest, "utf8");
  const limit = declared !== null && declared < restBytes ? declared : -1;
  const truncated = limit >= 0;
  const body = truncated ? truncateBytes(rest, restBytes, limit) : rest;
  const lengthConsistent = lengthFields === 0 ? body === "" : lengthFields === 1 && (truncated || declared === restBytes);

  return {
    text: truncated ? s.slice(start, bodyStart) + body : start === 0 ? s : s.slice(start),
    startLine,
    startLineRaw: firstBreak < 0 ? `${firstLine}\r\n` : s.slice(start, firstBreak + 1),
    fields,
    separator,
    body,
    canonical: lengthConsistent && separator !== "" && firstBreak >= 0,
  };
}

interface Headers {
  readonly fields: HeaderField[];
  readonly separator: string;
  readonly bodyStart: number;
}

function splitHeaders(s: string, from: number): Headers | Failure {
  const fields: HeaderField[] = [];
  let pos = from;
  let line = 1;
  while (pos < s.length) {
    line++;
    let end = nextLine(s, pos);
    let valueEnd = contentEnd(s, pos, end);
    if (valueEnd === pos) return { fields, separator: s.slice(pos, end), bodyStart: end };
    if (isBlank(s.charCodeAt(pos))) return { error: `line ${line}: continuation line with no header before it` };

    const colon = s.indexOf(":", pos);
    if (colon < 0 || colon >= valueEnd) {
      return { error: `line ${line}: header line without ':' ${JSON.stringify(s.slice(pos, Math.min(valueEnd, pos + 40)))}` };
    }
    const name = trimmedSlice(s, pos, colon);
    if (!isTokenName(name)) return { error: `line ${line}: invalid header name ${JSON.stringify(name.slice(0, 40))}` };
    while (end < s.length && isBlank(s.charCodeAt(end))) {
      line++;
      const lineStart = end;
      end = nextLine(s, lineStart);
      valueEnd = contentEnd(s, lineStart, end);
    }
    fields.push(new HeaderField(name, trimmedSlice(s, colon + 1, valueEnd), s, pos, end));
    pos = end;
  }
  return { fields, separator: "", bodyStart: s.length };
}

/** `s.slice(start, end)` without leading and trailing whitespace, cut once. */
function trimmedSlice(s: string, start: number, end: number): string {
  while (start < end && isSipSpace(s.charCodeAt(start))) start++;
  while (end > start && isSipSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

function isBlank(code: number): boolean {
  return code === SP || code === HT;
}

/** The index just past the line break of the line starting at `pos` (the end of input if none). */
function nextLine(s: string, pos: number): number {
  const lf = s.indexOf("\n", pos);
  return lf < 0 ? s.length : lf + 1;
}

/** The end of the line's content: before its CRLF or LF. */
function contentEnd(s: string, lineStart: number, next: number): number {
  let end = next;
  if (end > lineStart && s.charCodeAt(end - 1) === LF) end--;
  if (end > lineStart && s.charCodeAt(end - 1) === CR) end--;
  return end;
}

/** A Content-Length value: decimal digits only, else null (then the body is the rest of the input). */
export function parseContentLength(value: string): number | null {
  return /^[0-9]{1,9}$/.test(value) ? Number(value) : null;
}

/** The first `bytes` UTF-8 bytes of `text` (whose UTF-8 length is `textBytes`). */
function truncateBytes(text: string, textBytes: number, bytes: number): string {
  if (textBytes === text.length) return text.slice(0, bytes);
  return Buffer.from(text, "utf8").subarray(0, bytes).toString("utf8");
}
