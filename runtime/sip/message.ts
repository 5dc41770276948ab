/**
 * A SIP message the runtime can read, change and send.
 *
 * Reads follow OpenSIPS: header and body changes (append_hf, remove_hf, a new body, an added Via)
 * are pending until the message is serialised, so `header()`, `body`, `$hdr`, `is_present_hf`
 * still see the message as received; `applyChanges()` (msg_apply_changes) makes them visible.
 * The Request-URI is the exception, as in OpenSIPS: `ruri` is the current one ($ru) and
 * `originalRuri` the received one ($ou).
 */
import { Buffer } from "node:buffer";
import { HeaderEdits } from "./header-edits.ts";
import type { HeaderField } from "./header-field.ts";
import { headerKey } from "./header-names.ts";
import { MessageView } from "./message-view.ts";
import { splitHeaderList } from "./scan.ts";
import { splitSipMessage, type SplitMessage } from "./split.ts";
import { formatUri, parseUri, type SipUri } from "./uri.ts";
import { stampReceived, type Source } from "./via-received.ts";

export class SipMessage extends MessageView {
  /** Header changes; null until the first (most messages are only read). */
  private edits: HeaderEdits | null = null;
  private receivedRuri: string | null;
  private parsedReceivedRuri: SipUri | null | undefined;
  private ruriText: string | null;
  private parsedRuriFor: string | null = null;
  private parsedRuriValue: SipUri | null = null;
  private newBody: string | undefined;
  /** The Content-Type to send with `newBody`; "" drops the header. */
  private newContentType: string | undefined;
  private newMaxForwards: number | null = null;
  /** The Record-Route lines `addRecordRoute` queued, so that they can be taken back. */
  private addedRecordRoutes: string[] | null = null;

  constructor(parts: SplitMessage) {
    super(parts);
    this.receivedRuri = parts.startLine.kind === "request" ? parts.startLine.uri : null;
    this.ruriText = this.receivedRuri;
  }

  // ---- Request-URI ----------------------------------------------------------------------------

  /** `$ru`: the current Request-URI; null for a reply. */
  get ruri(): string | null {
    return this.ruriText;
  }

  /** `$ou`: the Request-URI as received; null for a reply. */
  get originalRuri(): string | null {
    return this.receivedRuri;
  }

  /** The current Request-URI parsed (`$rU`, `$rd`, `$rp`); null for a reply or a malformed URI. */
  get parsedRuri(): SipUri | null {
    if (this.ruriText === null) return null;
    if (this.parsedRuriFor !== this.ruriText) {
      this.parsedRuriFor = this.ruriText;
      this.parsedRuriValue = parseUri(this.ruriText);
    }
    return this.parsedRuriValue;
  }

  /** `$ou` parsed. */
  get parsedOriginalRuri(): SipUri | null {
    if (this.parsedReceivedRuri === undefined) {
      this.parsedReceivedRuri = this.receivedRuri === null ? null : parseUri(this.receivedRuri);
    }
    return this.parsedReceivedRuri;
  }

  /** `$ru = uri`; false (and no change) for a reply or a URI that does not parse. */
  setRuri(uri: string): boolean {
    if (this.ruriText === null || parseUri(uri) === null) return false;
    this.ruriText = uri;
    return true;
  }

  /** Rewrites the current Request-URI from its parts; false if it does not parse or for a reply. */
  updateRuri(change: (uri: SipUri) => SipUri): boolean {
    const current = this.parsedRuri;
    return current !== null && this.setRuri(formatUri(change(current)));
  }

  /** `$rU = user` (null removes the user part). */
  setRuriUser(user: string | null): boolean {
    return this.updateRuri((uri) => ({ ...uri, user, password: user === null ? null : uri.password }));
  }

  /** `$rd = host` */
  setRuriHost(host: string): boolean {
    return this.updateRuri((uri) => ({ ...uri, host }));
  }

  /** `$rp = port` (null removes the port). */
  setRuriPort(port: number | null): boolean {
    return this.updateRuri((uri) => ({ ...uri, port }));
  }

  // ---- header changes (pending until serialised) ------------------------------------------------

  /** `append_hf(text)`: `text` (one or more raw lines, CRLF included) after the last header. */
  appendHeader(text: string): void {
    this.writableEdits.insert(this.parts.fields.length, text);
  }

  /** `append_hf(text, anchor)`: after the first field called `anchor`; false if there is none. */
  appendHeaderAfter(text: string, anchor: string): boolean {
    const index = this.indexOf(anchor);
    if (index < 0) return false;
    this.writableEdits.insert(index + 1, text);
    return true;
  }

  /** `insert_hf(text)`: before the first header. */
  insertHeader(text: string): void {
    this.writableEdits.insert(0, text);
  }

  /** `insert_hf(text, anchor)`: before the first field called `anchor`; false if there is none. */
  insertHeaderBefore(text: string, anchor: string): boolean {
    const index = this.indexOf(anchor);
    if (index < 0) return false;
    this.writableEdits.insert(index, text);
    return true;
  }

  /** `remove_hf(name)`: removes every field called `name`; returns how many there were. */
  removeHeaders(name: string): number {
    const key = headerKey(name);
    return this.removeHeadersWhere((field) => field.is(key));
  }

  /** `remove_hf_re(re)`: removes every field whose name (as written) matches `re`. */
  removeHeadersMatching(re: RegExp): number {
    return this.removeHeadersWhere((field) => {
      re.lastIndex = 0;
      return re.test(field.name);
    });
  }

  /** `remove_hf_glob(pattern)`: `*`, `?` and `[...]` wildcards, matched case-insensitively. */
  removeHeadersGlob(pattern: string): number {
    const re = globToRegExp(pattern);
    return this.removeHeadersWhere((field) => re.test(field.name));
  }

  /** Removes every received field `test` accepts; returns how many it accepted. */
  removeHeadersWhere(test: (field: HeaderField) => boolean): number {
    let count = 0;
    this.parts.fields.forEach((field, index) => {
      if (!test(field)) return;
      this.writableEdits.remove(index);
      count++;
    });
    return count;
  }

  /** A proxy's own Via, above the first Via (or at the top when there is none). */
  addVia(value: string): void {
    const first = this.indexOf("via");
    this.writableEdits.insert(first < 0 ? 0 : first, `Via: ${value}\r\n`);
  }

  /** Removes the topmost Via still to be sent (the first value of a `Via: a, b` field); false if none. */
  removeTopVia(): boolean {
    return this.rewriteTopVia((value) => splitHeaderList(value).slice(1).join(", "));
  }

  /** Writes `received`/`rport` into the top Via for a request that came from `source` (see withReceived). */
  stampTopVia(source: Source): boolean {
    return this.rewriteTopVia((value) => stampReceived(value, source));
  }

  /** Replaces the value of the first Via field still to be sent; an empty new value removes it. */
  private rewriteTopVia(change: (value: string) => string): boolean {
    const fields = this.parts.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const replacement = field.is("via") ? this.edits?.replacement(i) : "";
      if (replacement === "") continue;
      const value = change(replacement === undefined ? field.value : valueOfRaw(replacement));
      if (value === "") this.writableEdits.remove(i);
      else this.replaceValue(i, value);
      return true;
    }
    return false;
  }

  /** The Max-Forwards value `setMaxForwards` gave the message to send; null before. */
  get outgoingMaxForwards(): number | null {
    return this.newMaxForwards;
  }

  /** Sets Max-Forwards to `value`, replacing the first field or adding one after the last header. */
  setMaxForwards(value: number): void {
    this.newMaxForwards = value;
    const index = this.indexOf("max-forwards");
    if (index < 0) this.appendHeader(`Max-Forwards: ${value}\r\n`);
    else this.replaceValue(index, String(value));
  }

  /** Sends field `index` with a new value, keeping its name as written and its line break. */
  private replaceValue(index: number, value: string): void {
    const field = this.parts.fields[index]!;
    this.writableEdits.replace(index, `${field.name}: ${value}${lineBreakOf(field.raw)}`);
  }

  /** `record_route()`: a Record-Route field at the top of the headers, above the received ones. */
  addRecordRoute(value: string): void {
    const line = `Record-Route: ${value}\r\n`;
    this.writableEdits.insert(0, line);
    (this.addedRecordRoutes ??= []).push(line);
  }

  /** Takes back every Record-Route `addRecordRoute` queued (topology hiding); returns how many. */
  dropAddedRecordRoutes(): number {
    const lines = this.addedRecordRoutes ?? [];
    this.addedRecordRoutes = null;
    for (const line of lines) this.edits?.removeInserted(0, line);
    return lines.length;
  }

  /**
   * Replaces the body. Content-Length follows on output; Content-Type is set to `contentType`
   * when given, and dropped when the new body is empty.
   */
  setBody(body: string, contentType?: string): void {
    this.newBody = body;
    if (body === "") this.newContentType = "";
    else if (contentType !== undefined) this.newContentType = contentType;
  }

  /** The body that will be sent: the new one if `setBody` was called, else the received one. */
  get outgoingBody(): string {
    return this.newBody ?? this.parts.body;
  }

  override compact(): void {
    super.compact();
    this.parsedRuriFor = null;
    this.parsedRuriValue = null;
    this.parsedReceivedRuri = undefined;
  }

  get hasPendingChanges(): boolean {
    return (this.edits !== null && !this.edits.isEmpty) || this.newBody !== undefined || this.ruriText !== this.startLineUri();
  }

  /**
   * msg_apply_changes(): re-reads the message from its serialised form, so reads see every
   * change. False (and nothing changed) when the result is not a valid message, e.g. after
   * appending a header without a colon.
   */
  applyChanges(): boolean {
    const parts = splitSipMessage(this.toString());
    if ("error" in parts) return false;
    this.compact();
    this.parts = parts;
    this.edits = null;
    this.newBody = undefined;
    this.newContentType = undefined;
    this.addedRecordRoutes = null;
    return true;
  }

  // ---- output -------------------------------------------------------------------------------------

  /** The message to send: every pending change applied and Content-Length matching the body. */
  override toString(): string {
    if (!this.hasPendingChanges && this.parts.canonical) return this.parts.text;
    const body = this.outgoingBody;
    const bodyBytes = body === "" ? 0 : Buffer.byteLength(body, "utf8");
    const fields = this.parts.fields;
    let out = this.startLineText();
    let sawLength = false;
    let sawType = false;
    for (let i = 0; i <= fields.length; i++) {
      out += this.edits?.insertedAt(i) ?? "";
      if (i === fields.length) break;
      const field = fields[i]!;
      const replacement = this.edits?.replacement(i);
      if (replacement !== undefined) {
        out += replacement;
      } else if (field.is("content-length")) {
        sawLength = true;
        out += field.value === String(bodyBytes) ? field.raw : `${field.name}: ${bodyBytes}${lineBreakOf(field.raw)}`;
      } else if (field.is("content-type") && this.newContentType !== undefined) {
        sawType = true;
        if (this.newContentType !== "") out += `${field.name}: ${this.newContentType}${lineBreakOf(field.raw)}`;
      } else {
        out += field.raw;
      }
    }
    if (!sawType && this.newContentType) out += `Content-Type: ${this.newContentType}\r\n`;
    if (!sawLength && bodyBytes > 0) out += `Content-Length: ${bodyBytes}\r\n`;
    return out + (this.parts.separator || "\r\n") + body;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.toString(), "utf8");
  }

  /** An independent copy: changes to one are not seen by the other. */
  clone(): SipMessage {
    const copy = new SipMessage(this.parts);
    copy.cache = { ...this.cache };
    copy.edits = this.edits?.clone() ?? null;
    copy.receivedRuri = this.receivedRuri;
    copy.parsedReceivedRuri = this.parsedReceivedRuri;
    copy.ruriText = this.ruriText;
    copy.newBody = this.newBody;
    copy.newContentType = this.newContentType;
    copy.newMaxForwards = this.newMaxForwards;
    copy.addedRecordRoutes = this.addedRecordRoutes && [...this.addedRecordRoutes];
    return copy;
  }

  private get writableEdits(): HeaderEdits {
    return (this.edits ??= new HeaderEdits());
  }

  private indexOf(name: string): number {
    const key = headerKey(name);
    return this.parts.fields.findIndex((field) => field.is(key));
  }

  private startLineUri(): string | null {
    const line = this.parts.startLine;
    return line.kind === "request" ? line.uri : null;
  }

  private startLineText(): string {
    const line = this.parts.startLine;
    if (line.kind !== "request" || this.ruriText === line.uri) return this.parts.startLineRaw;
    return `${line.method} ${this.ruriText} ${line.version}${lineBreakOf(this.parts.startLineRaw)}`;
  }

  /**
   * Sends received field `index` as `raw` whatever change it had (topology hiding replaces the
   * Contact others rewrote, as OpenSIPS discards their lumps); false when there is no such field.
   */
  replaceField(index: number, raw: string): boolean {
    if (index < 0 || index >= this.parts.fields.length) return false;
    this.writableEdits.replace(index, raw);
    return true;
  }

  /**
   * Sends received field `index` as `raw` (name, value and line break; "" drops it), as a text
   * edit of the header section does (textops subst, uac). False, and nothing changes, when the
   * field already has a pending change or there is no such field.
   */
  rewriteField(index: number, raw: string): boolean {
    if (index < 0 || index >= this.parts.fields.length || this.edits?.replacement(index) !== undefined) return false;
    this.writableEdits.replace(index, raw);
    return true;
  }
}

/** The line break a raw line ends with: CRLF, or LF for bare-LF input. */
function lineBreakOf(raw: string): string {
  return raw.endsWith("\r\n") ? "\r\n" : "\n";
}

/** The value part of a raw `Name: value\r\n` line. */
function valueOfRaw(raw: string): string {
  return raw.slice(raw.indexOf(":") + 1).trim();
}

/** fnmatch-style wildcards: `*`, `?`, `[abc]`, `[a-z]`, `[!abc]`. */
function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const close = c === "[" ? pattern.indexOf("]", i + 2) : -1;
    if (c === "*") source += ".*";
    else if (c === "?") source += ".";
    else if (close > 0) {
      const set = pattern.slice(i + 1, close).replace(/\\/g, "\\\\");
      source += set.startsWith("!") ? `[^${set.slice(1)}]` : `[${set}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  try {
    return new RegExp(`^${source}$`, "is");
  } catch {
    // A set such as `[z-a]` is no valid class: the pattern then only matches itself.
    return new RegExp(`^${escapeRegExp(pattern)}$`, "is");
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
