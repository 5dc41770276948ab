/**
 * Pseudo-variables (spec §8.1), transformations (§9) and format strings (§7.4).
 *
 *   pv    := "$" NAME ["(" inner ")"]                                   (short form)
 *          | "$(" ["<" CONTEXT ">"] NAME ["(" inner ")"] ["[" index "]"] { tr } ")"
 *   tr    := "{" CLASS "." SUBTYPE { "," PARAM } "}"      (blanks allowed between transformations)
 *
 * Positions are indexes into the parsed text; the caller's `SpanOf` turns them into spans.
 */
import type { FormatPart, FormatString, PseudoVar, PvArg, PvIndex, Span, Transform, TransformParam } from "./ast.ts";

/** Maps `[start, end)` of the parsed text to a source span. */
export type SpanOf = (start: number, end: number) => Span;

export interface PvError {
  message: string;
  start: number;
  end: number;
}

export interface PvTokenResult {
  pv: PseudoVar;
  error: PvError | null;
}

/** Parses the text of one `$…` token. Text after a short-form PV is kept in `trailing`. */
export function parsePvToken(text: string, spanOf: SpanOf): PvTokenResult {
  const cursor = new PvCursor(text, spanOf);
  const pv = cursor.pv(0);
  const error = cursor.error;
  if (!pv) return { pv: fallbackPv(text, spanOf), error };
  if (cursor.pos < text.length && !error) {
    if (pv.long) {
      return { pv, error: { message: `unexpected \`${text.slice(cursor.pos)}\` after the pseudo-variable`, start: cursor.pos, end: text.length } };
    }
    pv.trailing = text.slice(cursor.pos);
  }
  return { pv, error };
}

/** Parses a string value as a format: `$$` is `$`, every other `$` must start a pseudo-variable. */
export function parseFormat(value: string, spanOf: SpanOf): FormatString {
  const parts: FormatPart[] = [];
  let text = "";
  let error: FormatString["error"];
  const cursor = new PvCursor(value, spanOf);
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (c !== "$") {
      text += c;
      i++;
      continue;
    }
    if (value[i + 1] === "$") {
      text += "$";
      i += 2;
      continue;
    }
    const startsPv = value[i + 1] === "(" || NAME_CHAR.test(value[i + 1] ?? "");
    cursor.reset(i);
    const pv = startsPv ? cursor.pv(i) : null;
    if (!pv || cursor.error) {
      const message = startsPv ? cursor.error!.message : "a `$` must start a pseudo-variable (write `$$` for a literal `$`)";
      error ??= { message, span: spanOf(i, i + 1) };
      text += c;
      i++;
      continue;
    }
    if (text) parts.push({ kind: "Text", text });
    text = "";
    parts.push(pv);
    i = cursor.pos;
  }
  if (text) parts.push({ kind: "Text", text });
  const format: FormatString = { kind: "FormatString", parts, span: spanOf(0, value.length) };
  if (error) format.error = error;
  return format;
}

function fallbackPv(text: string, spanOf: SpanOf): PseudoVar {
  return {
    kind: "PseudoVar",
    name: "",
    context: null,
    arg: null,
    index: null,
    transforms: [],
    long: text.startsWith("$("),
    trailing: text.slice(1) || null,
    span: spanOf(0, text.length),
  };
}

const NAME_CHAR = /[A-Za-z0-9_.]/;

class PvCursor {
  pos = 0;
  error: PvError | null = null;

  constructor(
    private readonly s: string,
    private readonly spanOf: SpanOf,
  ) {}

  reset(pos: number): void {
    this.pos = pos;
    this.error = null;
  }

  /** Parses a PV starting at `start` (a `$`). Returns null after recording an error. */
  pv(start: number): PseudoVar | null {
    this.pos = start + 1;
    return this.s[this.pos] === "(" ? this.longForm(start) : this.shortForm(start);
  }

  private shortForm(start: number): PseudoVar | null {
    const name = this.name();
    if (name === null) return this.fail("a `$` must start a pseudo-variable name", start, start + 1);
    const arg = this.s[this.pos] === "(" ? this.inner() : null;
    if (this.error) return null;
    return this.node(start, { name, context: null, arg, index: null, transforms: [], long: false });
  }

  private longForm(start: number): PseudoVar | null {
    this.pos++;
    const context = this.context();
    if (this.error) return null;
    const name = this.name();
    if (name === null) return this.fail("expected a pseudo-variable name after `$(`", this.pos, this.pos + 1);
    const arg = this.s[this.pos] === "(" ? this.inner() : null;
    const index = !this.error && this.s[this.pos] === "[" ? this.index() : null;
    const transforms: Transform[] = [];
    for (;;) {
      if (this.error) return null;
      this.skipBlanks();
      if (this.s[this.pos] !== "{") break;
      const tr = this.transform();
      if (tr) transforms.push(tr);
    }
    if (this.s[this.pos] !== ")") {
      const found = this.pos < this.s.length ? `\`${this.s[this.pos]}\`` : "the end";
      return this.fail(`expected \`)\` to close \`$(\`, found ${found}`, this.pos, this.pos + 1);
    }
    this.pos++;
    return this.node(start, { name, context, arg, index, transforms, long: true });
  }

  private node(start: number, fields: Omit<PseudoVar, "kind" | "span" | "trailing">): PseudoVar {
    return { kind: "PseudoVar", ...fields, trailing: null, span: this.spanOf(start, this.pos) };
  }

  private context(): PseudoVar["context"] {
    if (this.s[this.pos] !== "<") return null;
    const close = this.s.indexOf(">", this.pos);
    const word = close === -1 ? "" : this.s.slice(this.pos + 1, close);
    if (word !== "request" && word !== "reply") {
      this.fail("a pseudo-variable context must be `<request>` or `<reply>`", this.pos, close === -1 ? this.pos + 1 : close + 1);
      return null;
    }
    this.pos = close + 1;
    return word;
  }

  private name(): string | null {
    const start = this.pos;
    while (this.pos < this.s.length && NAME_CHAR.test(this.s[this.pos]!)) this.pos++;
    return this.pos > start ? this.s.slice(start, this.pos) : null;
  }

  /** `( … )` with balanced parentheses; a whole inner PV (`$avp($var(n))`) becomes a PV argument. */
  private inner(): PvArg | null {
    const open = this.pos;
    const close = this.matchingParen(open);
    if (close === -1) return this.fail("`(` without a matching `)` in a pseudo-variable", open, open + 1);
    const text = this.s.slice(open + 1, close);
    this.pos = close + 1;
    if (text.startsWith("$")) {
      const nested = this.nested(open + 1, close);
      if (nested) return { kind: "pv", pv: nested };
    }
    return { kind: "text", text };
  }

  private index(): PvIndex | null {
    const open = this.pos;
    const close = this.s.indexOf("]", open);
    if (close === -1) return this.fail("`[` without a matching `]` in a pseudo-variable", open, open + 1);
    const text = this.s.slice(open + 1, close);
    this.pos = close + 1;
    if (text === "*") return { kind: "all" };
    if (text === "append") return { kind: "append" };
    if (/^-?[0-9]+$/.test(text)) return { kind: "int", value: parseInt(text, 10) };
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return { kind: "name", name: text };
    if (text.startsWith("$")) {
      const nested = this.nested(open + 1, close);
      if (nested) return { kind: "pv", pv: nested };
    }
    return this.fail(`invalid index \`[${text}]\`: use a number, \`*\`, \`append\` or a pseudo-variable`, open, close + 1);
  }

  /** A PV that must span exactly `[start, end)`. */
  private nested(start: number, end: number): PseudoVar | null {
    const saved = this.pos;
    const inner = new PvCursor(this.s.slice(0, end), this.spanOf);
    const pv = inner.pv(start);
    this.pos = saved;
    if (inner.error) {
      this.error = inner.error;
      return null;
    }
    return pv && inner.pos === end ? pv : null;
  }

  private transform(): Transform | null {
    const open = this.pos;
    this.pos++;
    const dot = this.s.indexOf(".", this.pos);
    const cls = dot === -1 ? "" : this.s.slice(this.pos, dot);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(cls)) return this.fail("a transformation is written `{class.method…}`", open, open + 1);
    this.pos = dot + 1;
    const className = cls.toLowerCase();
    const nameaddrIndex = className === "nameaddr" ? this.nameaddrIndex() : undefined;
    if (this.error) return null;
    const methodStart = this.pos;
    while (this.pos < this.s.length && this.s[this.pos] !== "," && this.s[this.pos] !== "}") this.pos++;
    const method = this.s.slice(methodStart, this.pos);
    if (!method) return this.fail("a transformation needs a method after the `.`", methodStart, methodStart + 1);
    const params: TransformParam[] = [];
    while (!this.error && this.s[this.pos] === ",") {
      this.pos++;
      const separatorParam = className === "s" && method === "select" && params.length === 1;
      const param = separatorParam ? this.singleChar() : this.param();
      if (param) params.push(param);
    }
    if (this.error) return null;
    if (this.s[this.pos] !== "}") return this.fail("expected `}` to close the transformation", open, this.pos + 1);
    this.pos++;
    const tr: Transform = { kind: "Transform", class: className, method, params, span: this.spanOf(open, this.pos) };
    if (nameaddrIndex) tr.nameaddrIndex = nameaddrIndex;
    return tr;
  }

  /** `{nameaddr.N.method}` / `{nameaddr.$var(i).method}`: an index before the method. */
  private nameaddrIndex(): PvIndex | undefined {
    const rest = this.s.slice(this.pos);
    const int = /^(-?[0-9]+)\./.exec(rest);
    if (int) {
      this.pos += int[0].length;
      return { kind: "int", value: parseInt(int[1]!, 10) };
    }
    if (rest.startsWith("$")) {
      const cursor = new PvCursor(this.s, this.spanOf);
      const pv = cursor.pv(this.pos);
      if (pv && !cursor.error && this.s[cursor.pos] === ".") {
        this.pos = cursor.pos + 1;
        return { kind: "pv", pv };
      }
    }
    return undefined;
  }

  /** `{s.select,idx,SEP}`: SEP is exactly one character, which may be `,`. */
  private singleChar(): TransformParam | null {
    if (this.pos >= this.s.length) return this.fail("expected a separator character", this.pos, this.pos);
    return { kind: "text", text: this.s[this.pos++]! };
  }

  /** A PV, or raw text up to an unescaped `,` or `}` (the backslash stays in the value). */
  private param(): TransformParam | null {
    if (this.s[this.pos] === "$" && this.s[this.pos + 1] !== "$") {
      const cursor = new PvCursor(this.s, this.spanOf);
      const pv = cursor.pv(this.pos);
      if (cursor.error) {
        this.error = cursor.error;
        return null;
      }
      const next = this.s[cursor.pos];
      if (pv && (next === "," || next === "}")) {
        this.pos = cursor.pos;
        return { kind: "pv", pv };
      }
    }
    let text = "";
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]!;
      if (c === "," || c === "}") break;
      if (c === "\\" && (this.s[this.pos + 1] === "," || this.s[this.pos + 1] === "}")) {
        text += c + this.s[this.pos + 1];
        this.pos += 2;
        continue;
      }
      text += c;
      this.pos++;
    }
    return { kind: "text", text };
  }

  private matchingParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.s.length; i++) {
      const c = this.s[i];
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return i;
    }
    return -1;
  }

  private skipBlanks(): void {
    while (this.s[this.pos] === " " || this.s[this.pos] === "\t" || this.s[this.pos] === "\n" || this.s[this.pos] === "\r") this.pos++;
  }

  private fail(message: string, start: number, end: number): null {
    this.error ??= { message, start, end };
    return null;
  }
}
