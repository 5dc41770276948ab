/**
 * Read access to a split SIP message, as OpenSIPS's pseudo-variables see it. Header values are
 * parsed the first time they are asked for and the result is kept, so `$fU` read ten times parses
 * From once.
 */
import { Buffer } from "node:buffer";
import { parseCSeq, type CSeq } from "./cseq.ts";
import { headerKey } from "./header-names.ts";
import { parseNameAddr, type NameAddr } from "./name-addr.ts";
import { paramValue } from "./params.ts";
import { parseEach, splitHeaderList } from "./scan.ts";
import type { HeaderField } from "./header-field.ts";
import { parseContentLength, splitSipMessage, type SplitMessage } from "./split.ts";
import type { StartLine } from "./start-line.ts";
import { parseUri, type SipUri } from "./uri.ts";
import { parseVia, type Via } from "./via.ts";

/** Values not computed yet are `undefined`; a value that could not be parsed is `null`. */
interface Cache {
  from?: NameAddr | null;
  to?: NameAddr | null;
  fromUri?: SipUri | null;
  toUri?: SipUri | null;
  cseq?: CSeq | null;
  vias?: readonly Via[] | null;
  contacts?: readonly NameAddr[] | "*" | null;
  byteLength?: number;
}

export class MessageView {
  /** The split message; null while compacted. */
  #split: SplitMessage | null;
  /** The message as parsed (the split's `text`), kept to split it again after `compact()`. */
  #text: string;
  /** Parsed header values; null until the first is asked for. */
  #cache: Cache | null = null;

  constructor(parts: SplitMessage) {
    this.#split = parts;
    this.#text = parts.text;
  }

  protected get cache(): Cache {
    return (this.#cache ??= {});
  }

  protected set cache(cache: Cache) {
    this.#cache = cache;
  }

  protected get parts(): SplitMessage {
    return (this.#split ??= splitAgain(this.#text));
  }

  protected set parts(parts: SplitMessage) {
    this.#split = parts;
    this.#text = parts.text;
  }

  /**
   * Drops everything derived from the text (header fields, parsed values); the next read splits
   * the text again. A suspended transaction keeps its request this way, as little more than its
   * text. Pending changes refer to field positions, which splitting the same text gives back.
   */
  compact(): void {
    this.#split = null;
    this.#cache = null;
  }

  get isRequest(): boolean {
    return this.parts.startLine.kind === "request";
  }

  get startLine(): StartLine {
    return this.parts.startLine;
  }

  /** The request method; for a reply the method of its CSeq (as `$rm` gives it); null if none. */
  get method(): string | null {
    const line = this.parts.startLine;
    return line.kind === "request" ? line.method : (this.cseq?.method ?? null);
  }

  /** `$rs`: the reply's status code; null for a request. */
  get statusCode(): number | null {
    const line = this.parts.startLine;
    return line.kind === "reply" ? line.code : null;
  }

  /** `$rr`: the reply's reason phrase; null for a request. */
  get reason(): string | null {
    const line = this.parts.startLine;
    return line.kind === "reply" ? line.reason : null;
  }

  /** Every header field in message order (`$hdr_name[n]` reads their names). */
  get headerFields(): readonly HeaderField[] {
    return this.parts.fields;
  }

  /**
   * `$hdr(name)[index]`: the value of the index-th field called `name` (case-insensitive, compact
   * forms understood); 0 is the first, -1 the last. Null when there is no such field.
   */
  header(name: string, index = 0): string | null {
    const key = headerKey(name);
    const fields = this.parts.fields;
    if (index < 0) {
      for (let i = fields.length - 1; i >= 0; i--) {
        if (fields[i]!.is(key) && ++index === 0) return fields[i]!.value;
      }
      return null;
    }
    for (const field of fields) {
      if (field.is(key) && index-- === 0) return field.value;
    }
    return null;
  }

  /** `$hdrcnt(name)`: how many fields are called `name`. */
  headerCount(name: string): number {
    const key = headerKey(name);
    let count = 0;
    for (const field of this.parts.fields) if (field.is(key)) count++;
    return count;
  }

  hasHeader(name: string): boolean {
    return this.header(name) !== null;
  }

  /** The value of every field called `name`, in order (`$hdr(name)[*]` joins them with ", "). */
  allHeaderValues(name: string): string[] {
    const key = headerKey(name);
    const values: string[] = [];
    for (const field of this.parts.fields) if (field.is(key)) values.push(field.value);
    return values;
  }

  /**
   * The elements of every field called `name`, each comma-separated value on its own
   * (`Via: a, b` + `Via: c` → a, b, c); commas in quotes, `<...>` and comments do not split.
   */
  headerListValues(name: string): string[] {
    return this.allHeaderValues(name).flatMap(splitHeaderList);
  }

  /** `$ci` */
  get callId(): string | null {
    return this.header("call-id");
  }

  get cseq(): CSeq | null {
    if (this.cache.cseq === undefined) {
      const value = this.header("cseq");
      this.cache.cseq = value === null ? null : parseCSeq(value);
    }
    return this.cache.cseq;
  }

  /** The From header parsed (`$fn` is its display, `$fu` its uri); null when missing or malformed. */
  get from(): NameAddr | null {
    if (this.cache.from === undefined) this.cache.from = parseHeaderNameAddr(this.header("from"));
    return this.cache.from;
  }

  get to(): NameAddr | null {
    if (this.cache.to === undefined) this.cache.to = parseHeaderNameAddr(this.header("to"));
    return this.cache.to;
  }

  /** The From URI parsed (`$fU`, `$fd`). */
  get fromUri(): SipUri | null {
    if (this.cache.fromUri === undefined) this.cache.fromUri = parseOptionalUri(this.from?.uri);
    return this.cache.fromUri;
  }

  get toUri(): SipUri | null {
    if (this.cache.toUri === undefined) this.cache.toUri = parseOptionalUri(this.to?.uri);
    return this.cache.toUri;
  }

  /** `$ft` */
  get fromTag(): string | null {
    const from = this.from;
    return from === null ? null : (paramValue(from.params, "tag") ?? null);
  }

  /** `$tt` */
  get toTag(): string | null {
    const to = this.to;
    return to === null ? null : (paramValue(to.params, "tag") ?? null);
  }

  /** Every Via, top first, across fields and comma lists; null when one is malformed. */
  get vias(): readonly Via[] | null {
    if (this.cache.vias === undefined) this.cache.vias = parseEach(this.headerListValues("via"), parseVia);
    return this.cache.vias;
  }

  /** The first Via as written (the first element of the first Via field); null when there is none. */
  get topViaText(): string | null {
    for (const field of this.parts.fields) {
      const first = field.is("via") ? splitHeaderList(field.value)[0] : undefined;
      if (first !== undefined) return first;
    }
    return null;
  }

  get topVia(): Via | null {
    return this.vias?.[0] ?? null;
  }

  /** Every Contact across fields (`$ct`), `"*"` for a star Contact, null when one is malformed. */
  get contacts(): readonly NameAddr[] | "*" | null {
    if (this.cache.contacts === undefined) {
      const values = this.headerListValues("contact");
      this.cache.contacts = values.includes("*") ? "*" : parseEach(values, parseNameAddr);
    }
    return this.cache.contacts;
  }

  /** The Max-Forwards value; null when missing or not a number. */
  get maxForwards(): number | null {
    const value = this.header("max-forwards");
    return value !== null && /^[0-9]{1,3}$/.test(value) ? Number(value) : null;
  }

  /** `$cl`: the Content-Length header's value (not the body's length); null when missing or bad. */
  get contentLength(): number | null {
    const value = this.header("content-length");
    return value === null ? null : parseContentLength(value);
  }

  /** `$cT` */
  get contentType(): string | null {
    return this.header("content-type");
  }

  /** `$ua` */
  get userAgent(): string | null {
    return this.header("user-agent");
  }

  /** `$rb`: the body as received. */
  get body(): string {
    return this.parts.body;
  }

  /** `$mb`: the message as received (start line to the end of the body). */
  get text(): string {
    return this.#text;
  }

  /** `$ml`: the length of the received message in bytes. */
  get byteLength(): number {
    if (this.cache.byteLength === undefined) this.cache.byteLength = Buffer.byteLength(this.#text, "utf8");
    return this.cache.byteLength;
  }

  /** textops `search()`: does `re` match anywhere in the received message? */
  search(re: RegExp): boolean {
    re.lastIndex = 0;
    return re.test(this.#text);
  }
}

/** Splits a text that split before: it cannot fail. */
function splitAgain(text: string): SplitMessage {
  const parts = splitSipMessage(text);
  if ("error" in parts) throw new Error(`a message that was split once does not split again: ${parts.error}`);
  return parts;
}

function parseHeaderNameAddr(value: string | null): NameAddr | null {
  return value === null ? null : parseNameAddr(value);
}

function parseOptionalUri(uri: string | undefined): SipUri | null {
  return uri === undefined ? null : parseUri(uri);
}
