/**
 * One header field of a received message. Its key and its raw text are worked out only when asked
 * for: most fields of a relayed message are never looked at.
 */
import { headerKey, nameMatches } from "./header-names.ts";

const LF = 10;
const CR = 13;

export class HeaderField {
  #key: string | undefined;
  readonly #source: string;
  readonly #start: number;
  readonly #end: number;

  /** The field is `source.slice(start, end)`: name, colon, value and line break(s). */
  constructor(
    /** The name as written (`v`, `Via`, `VIA`). */
    readonly name: string,
    /** The value without surrounding whitespace; folded lines are kept as received. */
    readonly value: string,
    source: string,
    start: number,
    end: number,
  ) {
    this.#source = source;
    this.#start = start;
    this.#end = end;
  }

  /** The whole field as received, ending with its line break (CRLF added when the input ended without one). */
  get raw(): string {
    const raw = this.#source.slice(this.#start, this.#end);
    if (raw.charCodeAt(raw.length - 1) === LF) return raw;
    return `${raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw}\r\n`;
  }

  /** The full name in lower case (`via` for `v`). */
  get key(): string {
    return (this.#key ??= headerKey(this.name));
  }

  /** Is this field called `key` (a lower-case full name, as `headerKey` gives)? */
  is(key: string): boolean {
    return nameMatches(this.name, key);
  }
}
