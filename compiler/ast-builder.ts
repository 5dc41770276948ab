/**
 * Builds AST leaves and spans from tokens for the parser's embedded actions: number and string
 * values, folded strings, format strings, pseudo-variables (through the PV parser) and words.
 * Problems found while building (an invalid PV token) are collected as diagnostics.
 */
import type { IToken } from "chevrotain";
import type { FormatString, IpNet, NullLit, NumberLit, PseudoVar, Span, StringLit, Word } from "./ast.ts";
import { diagnostic, type Diagnostic } from "./diagnostics.ts";
import { tokenEnd } from "./lexer.ts";
import { BOOLEAN_WORDS } from "./reserved-words.ts";
import { parseFormat, parsePvToken } from "./pv-parser.ts";
import type { SourceLocator } from "./source-locator.ts";
import { decodeString } from "./string-literal.ts";
import { SYNTAX_CODES } from "./syntax-codes.ts";

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly text: string,
    readonly locator: SourceLocator,
  ) {}

  /** From the start of `first` to the end of `last`. */
  span(first: IToken, last: IToken): Span {
    return this.locator.span(first.startOffset, Math.max(first.startOffset, tokenEnd(last)));
  }

  tokenSpan(t: IToken): Span {
    return Number.isNaN(t.startOffset) ? this.locator.endOfInput() : this.locator.span(t.startOffset, tokenEnd(t));
  }

  error(code: string, message: string, span: Span): void {
    this.diagnostics.push(diagnostic("error", code, message, span));
  }

  /** A NUMBER token, optionally preceded by a `+`/`-` sign token (the grammar's snumber). */
  number(t: IToken, sign?: IToken): NumberLit {
    const magnitude = numberValue(t.image);
    const negative = sign?.image === "-";
    return {
      kind: "NumberLit",
      value: negative ? -magnitude | 0 : magnitude,
      text: sign ? sign.image + t.image : t.image,
      span: this.span(sign ?? t, t),
    };
  }

  /** One string, or several adjacent ones folded into one value (modparam, xlog, xdbg). */
  string(tokens: IToken[]): StringLit {
    const first = tokens[0]!;
    const last = tokens[tokens.length - 1]!;
    let wantOffsets = false;
    for (const t of tokens) wantOffsets ||= t.image.includes("$");
    let value = "";
    const offsets: number[] = [];
    for (const t of tokens) {
      const decoded = decodeString(t.image, t.startOffset, wantOffsets);
      value += decoded.value;
      if (decoded.offsets) {
        decoded.offsets.pop();
        offsets.push(...decoded.offsets);
      }
    }
    const node: StringLit = { kind: "StringLit", value, quote: first.image[0] as '"' | "'", span: this.span(first, last) };
    if (value.includes("$")) {
      offsets.push(tokenEnd(last) - 1);
      node.format = parseFormat(value, (a, b) => this.locator.span(offsets[a]!, offsets[b]!));
    }
    return node;
  }

  /** A format string for positions that are always formats (launch's third argument). */
  format(s: StringLit): FormatString {
    return s.format ?? { kind: "FormatString", parts: s.value ? [{ kind: "Text", text: s.value }] : [], span: s.span };
  }

  pv(t: IToken): PseudoVar {
    const start = t.startOffset;
    const result = parsePvToken(t.image, (a, b) => this.locator.span(start + a, start + b));
    if (result.error) {
      const { message, start: a, end: b } = result.error;
      this.error(SYNTAX_CODES.invalidPv, `invalid pseudo-variable \`${t.image}\`: ${message}`, this.locator.span(start + a, start + b));
    }
    return result.pv;
  }

  nullLit(t: IToken): NullLit {
    return { kind: "NullLit", span: this.tokenSpan(t) };
  }

  ip(t: IToken): IpNet {
    return { kind: "IpNet", text: t.image, span: this.tokenSpan(t) };
  }

  /** A bare word made of adjacent tokens (`NAT`, `udp:10.0.0.1:5060`), as written. */
  word(first: IToken, last: IToken): Word {
    return { kind: "Word", text: this.text.slice(first.startOffset, tokenEnd(last)), span: this.span(first, last) };
  }
}

/** Value of a NUMBER token as OpenSIPS stores it: a C int (32-bit, wrapping). */
export function numberValue(image: string): number {
  const word = BOOLEAN_WORDS.get(image);
  if (word !== undefined) return word;
  if (image.length <= 9 && image[0] !== "0") return parseInt(image, 10);
  const big = image.startsWith("0x") ? BigInt(image) : image.length > 1 && image[0] === "0" ? BigInt("0o" + image.slice(1)) : BigInt(image);
  return Number(BigInt.asIntN(32, big));
}
