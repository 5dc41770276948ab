/**
 * Bencode, the encoding of rtpengine's "ng" control protocol: byte strings `<length>:<bytes>`,
 * integers `i<n>e`, lists `l…e` and dictionaries `d<key><value>…e`. Strings are JavaScript text
 * here, sent and read as UTF-8 (a length counts bytes, not characters). Dictionary keys keep
 * their insertion order, as OpenSIPS's encoder writes them (rtpengine does not need them sorted).
 */
import { Buffer } from "node:buffer";

export type Bencoded = string | number | readonly Bencoded[] | BencodeDict;
export type BencodeDict = ReadonlyMap<string, Bencoded>;

export type Decoded = { readonly ok: true; readonly value: Bencoded } | { readonly ok: false; readonly error: string };

/** Deeper nesting than this is refused (rtpengine's replies nest a few levels). */
const MAX_DEPTH = 64;

export function isBencodeDict(value: Bencoded): value is BencodeDict {
  return value instanceof Map;
}

function encodeInto(value: Bencoded, out: Buffer[]): void {
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    out.push(Buffer.from(`${bytes.length}:`, "latin1"), bytes);
  } else if (typeof value === "number") {
    out.push(Buffer.from(`i${Math.trunc(value)}e`, "latin1"));
  } else if (isBencodeDict(value)) {
    out.push(Buffer.from("d", "latin1"));
    for (const [key, item] of value) {
      encodeInto(key, out);
      encodeInto(item, out);
    }
    out.push(Buffer.from("e", "latin1"));
  } else {
    out.push(Buffer.from("l", "latin1"));
    for (const item of value) encodeInto(item, out);
    out.push(Buffer.from("e", "latin1"));
  }
}

export function encodeBencode(value: Bencoded): Buffer {
  const out: Buffer[] = [];
  encodeInto(value, out);
  return Buffer.concat(out);
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const COLON = 0x3a;
const MINUS = 0x2d;
const END = 0x65; // e

class DecodeError extends Error {}

class Reader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  item(depth: number): Bencoded {
    if (depth > MAX_DEPTH) throw new DecodeError("nesting too deep");
    const type = this.bytes[this.pos];
    if (type === undefined) throw new DecodeError("truncated input");
    if (type === 0x69 /* i */) return this.integer();
    if (type === 0x6c /* l */) return this.list(depth);
    if (type === 0x64 /* d */) return this.dict(depth);
    if (type >= DIGIT_0 && type <= DIGIT_9) return this.string();
    throw new DecodeError(`unexpected byte 0x${type.toString(16)} at offset ${this.pos}`);
  }

  private digitsUntil(terminator: number, allowMinus: boolean): string {
    const start = this.pos;
    if (allowMinus && this.bytes[this.pos] === MINUS) this.pos++;
    while (this.pos < this.bytes.length && this.bytes[this.pos]! >= DIGIT_0 && this.bytes[this.pos]! <= DIGIT_9) this.pos++;
    const text = Buffer.from(this.bytes.subarray(start, this.pos)).toString("latin1");
    if (!/^-?[0-9]+$/.test(text) || this.bytes[this.pos] !== terminator) {
      throw new DecodeError(`malformed number at offset ${start}`);
    }
    this.pos++;
    return text;
  }

  private integer(): number {
    this.pos++;
    return Number(this.digitsUntil(END, true));
  }

  private string(): string {
    const length = Number(this.digitsUntil(COLON, false));
    if (this.pos + length > this.bytes.length) throw new DecodeError("string longer than the input");
    const text = Buffer.from(this.bytes.subarray(this.pos, this.pos + length)).toString("utf8");
    this.pos += length;
    return text;
  }

  private list(depth: number): Bencoded[] {
    this.pos++;
    const items: Bencoded[] = [];
    while (this.bytes[this.pos] !== END) items.push(this.item(depth + 1));
    this.pos++;
    return items;
  }

  private dict(depth: number): BencodeDict {
    this.pos++;
    const entries = new Map<string, Bencoded>();
    while (this.bytes[this.pos] !== END) {
      const key = this.item(depth + 1);
      if (typeof key !== "string") throw new DecodeError("dictionary key is not a string");
      entries.set(key, this.item(depth + 1));
    }
    this.pos++;
    return entries;
  }
}

/** Decodes exactly one value filling `bytes`; never throws. */
export function decodeBencode(bytes: Uint8Array): Decoded {
  const reader = new Reader(bytes);
  try {
    const value = reader.item(0);
    return reader.done ? { ok: true, value } : { ok: false, error: "trailing data after the value" };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, error: e.message };
    throw e;
  }
}

/** `dict[key]` when it is a string. */
export function dictString(dict: BencodeDict, key: string): string | null {
  const value = dict.get(key);
  return typeof value === "string" ? value : null;
}

/** `dict[key]` when it is an integer. */
export function dictInteger(dict: BencodeDict, key: string): number | null {
  const value = dict.get(key);
  return typeof value === "number" ? value : null;
}

/** `dict[key]` when it is a dictionary. */
export function dictDict(dict: BencodeDict, key: string): BencodeDict | null {
  const value = dict.get(key);
  return value !== undefined && isBencodeDict(value) ? value : null;
}

/** `dict[key]` when it is a list. */
export function dictList(dict: BencodeDict, key: string): readonly Bencoded[] | null {
  const value = dict.get(key);
  return Array.isArray(value) ? (value as readonly Bencoded[]) : null;
}
