/**
 * Top-level `name = value …` parameters (spec §3.2, §12). The parser hands over the raw value tokens
 * (a value ends where the next top-level item starts); this module checks the structured forms —
 * socket/listen definitions, alias lists, dst_blacklist, auto_scaling_profile, `*_workers`,
 * mem-group — and that every other parameter has exactly one value. Value *kinds* per parameter and
 * per OpenSIPS version are the checker's business.
 */
import { tokenMatcher, type IToken, type TokenType } from "chevrotain";
import type { GlobalParam, GlobalValue, PortRange, SocketDef, SocketOption } from "./ast.ts";
import type { AstBuilder } from "./ast-builder.ts";
import {
  adjacent,
  Bang,
  Colon,
  Comma,
  Default,
  Dot,
  For,
  GlobalWord,
  Identifier,
  IpLiteral,
  LBrace,
  LBrack,
  LParen,
  Minus,
  NumberLike,
  NumberLiteral,
  Percent,
  Plus,
  RBrace,
  RBrack,
  RParen,
  Semicolon,
  SocketWord,
  Slash,
  Star,
  StringLiteral,
  tokenEnd,
  ValueWord,
} from "./lexer.ts";
import { SYNTAX_CODES } from "./syntax-codes.ts";

export function buildGlobalParam(b: AstBuilder, nameToken: IToken, assign: IToken, valueTokens: IToken[]): GlobalParam | null {
  const name = nameToken.image;
  const lastToken = valueTokens[valueTokens.length - 1] ?? assign;
  const node: GlobalParam = {
    kind: "GlobalParam",
    name,
    nameSpan: b.tokenSpan(nameToken),
    values: [],
    span: b.span(nameToken, lastToken),
  };
  const starts = chunkStarts(valueTokens);
  node.values = valueChunks(b, valueTokens, starts);
  const semicolon = valueTokens.find((t) => t.tokenType === Semicolon);
  if (semicolon) {
    b.error(SYNTAX_CODES.topLevelSemicolon, "top-level parameters take no `;`: remove it", b.tokenSpan(semicolon));
    return null;
  }
  if (valueTokens.length === 0) {
    b.error(SYNTAX_CODES.globalValue, `\`${name}\` needs a value after \`=\``, b.tokenSpan(assign));
    return null;
  }
  const cursor = new ValueCursor(b, name, valueTokens, starts);
  const ok = cursor.parse(node);
  return ok ? node : null;
}

/** Indexes of the tokens that start a blank-separated chunk. */
function chunkStarts(tokens: IToken[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (i === 0 || !adjacent(tokens[i - 1]!, tokens[i]!)) starts.push(i);
  return starts;
}

/** One NumberLit, StringLit or Word per chunk; a lone sign chunk joins the number after it. */
function valueChunks(b: AstBuilder, tokens: IToken[], starts: number[]): GlobalValue[] {
  const chunks = starts.map((start, k) => tokens.slice(start, starts[k + 1] ?? tokens.length));
  const values: GlobalValue[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const next = chunks[i + 1];
    const lone = chunk.length === 1 ? chunk[0]! : null;
    if (lone && isSign(lone) && next?.length === 1 && isNumber(next[0]!)) {
      values.push(b.number(next[0]!, lone));
      i++;
    } else if (chunk.length === 2 && isSign(chunk[0]!) && isNumber(chunk[1]!)) values.push(b.number(chunk[1]!, chunk[0]!));
    else if (lone && isNumber(lone)) values.push(b.number(lone));
    else if (lone && is(lone, StringLiteral)) values.push(b.string([lone]));
    else values.push(b.word(chunk[0]!, chunk[chunk.length - 1]!));
  }
  return values;
}

function isSign(t: IToken): boolean {
  return t.tokenType === Plus || t.tokenType === Minus;
}

function isNumber(t: IToken): boolean {
  return is(t, NumberLike);
}

function is(t: IToken | undefined, type: TokenType): boolean {
  return t !== undefined && tokenMatcher(t, type);
}

const WORKER_PARAMS = new Set(["udp_workers", "tcp_workers", "timer_workers"]);
const SOCKET_FLAGS = new Set(["anycast", "ANYCAST", "frag", "FRAG", "reuse_port", "REUSE_PORT", "accept_subdomain", "ACCEPT_SUBDOMAIN"]);

class InvalidValue extends Error {}

/** A small recursive-descent parser over the value tokens of one parameter. */
class ValueCursor {
  private i = 0;

  constructor(
    private readonly b: AstBuilder,
    private readonly name: string,
    private readonly tokens: IToken[],
    private readonly chunkStarts: number[],
  ) {}

  parse(node: GlobalParam): boolean {
    try {
      if (this.name === "socket" || this.name === "listen") node.socket = this.socketDef();
      else if (this.name === "alias") node.aliases = this.aliasList();
      else if (this.name === "dst_blacklist") this.blacklist();
      else if (this.name === "auto_scaling_profile") this.autoScalingProfile();
      else if (WORKER_PARAMS.has(this.name)) this.workers();
      else if (this.name === "mem-group") this.memGroup();
      else this.singleValue(node);
      if (this.i < this.tokens.length) this.fail("unexpected");
      return true;
    } catch (e) {
      if (e instanceof InvalidValue) return false;
      throw e;
    }
  }

  // -- structured forms ------------------------------------------------------------------------

  private socketDef(): SocketDef {
    const first = this.peek()!;
    const address = this.address(true);
    const def: SocketDef = { proto: address.proto, host: address.host, port: null, text: "" };
    if (this.accept(Colon)) def.ports = this.portRanges();
    def.port = def.ports?.[0]?.from ?? null;
    const options: SocketOption[] = [];
    while (this.peek()) {
      const t = this.peek()!;
      if (t.image.toLowerCase() === "as" && is(t, SocketWord)) {
        this.i++;
        const advertised = this.address(false);
        def.advertised = { host: advertised.host, port: this.accept(Colon) ? this.number() : null };
      } else options.push(this.socketOption());
    }
    if (options.length) def.options = options;
    def.text = this.b.text.slice(first.startOffset, tokenEnd(this.tokens[this.tokens.length - 1]!));
    return def;
  }

  private socketOption(): SocketOption {
    const t = this.take("a socket option (`as`, `reuse_port`, `tag`, `use_workers`…)");
    const word = t.image.toLowerCase();
    if (SOCKET_FLAGS.has(t.image)) return { name: word, value: null };
    if (word === "use_workers" || word === "tos") return { name: word, value: String(this.number()) };
    if (word === "tag" || word === "use_auto_scaling_profile") return { name: word, value: this.expect(Identifier, "a name").image };
    return this.fail("expected a socket option (`as`, `reuse_port`, `tag`, `use_workers`…)", t);
  }

  /** `[proto ":"] host`, where the proto is an identifier followed by `:` and not by a port number. */
  private address(allowProto: boolean): { proto: string | null; host: string } {
    const t = this.peek();
    const afterColon = this.peek(2);
    let proto: string | null = null;
    if (allowProto && t && (is(t, Identifier) || t.image === "any") && is(this.peek(1), Colon) && afterColon && !is(afterColon, NumberLiteral)) {
      proto = t.image;
      this.i += 2;
    }
    return { proto, host: this.host() };
  }

  private host(): string {
    const t = this.peek();
    if (!t) return this.fail("expected an address");
    if (t.tokenType === Star || is(t, IpLiteral)) return this.take("").image;
    if (is(t, StringLiteral)) return this.b.string([this.take("")]).value;
    if (t.tokenType === LBrack) {
      this.i++;
      const ip = this.expect(IpLiteral, "an IPv6 address");
      this.expect(RBrack, "`]`");
      return ip.image;
    }
    if (is(t, Identifier)) return this.hostname();
    return this.fail("expected an address: `*`, an IP, a quoted name or a host name whose labels start with a letter and are not reserved words", t);
  }

  private hostname(): string {
    let text = this.expect(Identifier, "a host name").image;
    while (this.peek() && (this.peek()!.tokenType === Dot || this.peek()!.tokenType === Minus) && this.adjacent()) {
      const separator = this.take("").image;
      const label = this.peek();
      if (!label || !is(label, Identifier) || !this.adjacent()) {
        return this.fail("host name labels must start with a letter and must not be reserved words: quote the name", label ?? this.tokens[this.i - 1]);
      }
      text += separator + this.take("").image;
    }
    return text;
  }

  private portRanges(): PortRange[] {
    const ranges: PortRange[] = [];
    do {
      const from = this.number();
      ranges.push({ from, to: this.accept(Minus) ? this.number() : from });
    } while (this.accept(Comma));
    return ranges;
  }

  private aliasList(): SocketDef[] {
    const aliases: SocketDef[] = [];
    while (this.peek()) {
      const first = this.peek()!;
      const address = this.address(true);
      const alias: SocketDef = { proto: address.proto, host: address.host, port: null, text: "" };
      if (this.accept(Colon)) alias.port = this.peek()?.image === "any" ? (this.i++, null) : this.number();
      if (this.peek() && SOCKET_FLAGS.has(this.peek()!.image) && this.peek()!.image.toLowerCase() === "accept_subdomain") {
        this.i++;
        alias.options = [{ name: "accept_subdomain", value: null }];
      }
      alias.text = this.b.text.slice(first.startOffset, tokenEnd(this.tokens[this.i - 1]!));
      aliases.push(alias);
    }
    return aliases;
  }

  /** `NAME [ "/" flag {"," flag} ] [ ":" "{" rule {"," rule} "}" ]` */
  private blacklist(): void {
    this.expectWord("a blacklist name");
    if (this.accept(Slash)) {
      do {
        const flag = this.take("a blacklist flag (`readonly`, `expire`, `default`)");
        if (!["readonly", "read-only", "expire"].includes(flag.image) && flag.tokenType !== Default) {
          this.fail("expected a blacklist flag (`readonly`, `expire`, `default`)", flag);
        }
      } while (this.accept(Comma));
    }
    if (!this.accept(Colon)) return;
    this.expect(LBrace, "`{`");
    do this.blacklistRule();
    while (this.accept(Comma));
    this.expect(RBrace, "`}`");
  }

  private blacklistRule(): void {
    this.accept(Bang);
    if (this.accept(LParen)) {
      let items = 0;
      do {
        const item = this.take("a protocol, network, port or pattern");
        if (!is(item, Identifier) && !is(item, IpLiteral) && !is(item, NumberLiteral) && !is(item, StringLiteral) && item.image !== "any") {
          this.fail("expected a protocol, network, port or pattern in a blacklist rule", item);
        }
        items++;
      } while (this.accept(Comma));
      if (items > 4) this.fail("a blacklist rule has at most four fields", this.tokens[this.i - 1]);
      this.expect(RParen, "`)`");
      return;
    }
    this.expect(IpLiteral, "a network or `(`");
  }

  /** `NAME scale up to N on N% for N (cycles | cycles within N) [scale down to N on N% for N cycles]` */
  private autoScalingProfile(): void {
    this.expectWord("a profile name");
    this.scaleClause("up");
    if (this.peek()) this.scaleClause("down");
  }

  private scaleClause(direction: "up" | "down"): void {
    this.keyword("scale");
    this.keyword(direction);
    this.keyword("to");
    this.number();
    this.keyword("on");
    this.number();
    this.expect(Percent, "`%`");
    this.expect(For, "`for`");
    this.number();
    this.keyword("cycles");
    if (direction === "up" && this.peek()?.image.toLowerCase() === "within") {
      this.i++;
      this.number();
    }
  }

  private workers(): void {
    this.number();
    const t = this.peek();
    if (!t) return;
    if (t.image.toLowerCase() !== "use_auto_scaling_profile") this.fail("expected `use_auto_scaling_profile NAME` after the worker count", t);
    this.i++;
    this.expectWord("a profile name");
  }

  private memGroup(): void {
    this.expect(StringLiteral, "a group name string");
    this.expect(Colon, "`:`");
    this.expect(StringLiteral, "a module name string");
    while (this.peek()) this.expect(StringLiteral, "a module name string");
  }

  private singleValue(node: GlobalParam): void {
    if (node.values.length > 1) {
      const second = this.chunkStarts.find((start) => start > 0 && !isSign(this.tokens[start - 1]!)) ?? this.chunkStarts[1]!;
      this.fail(`\`${this.name}\` takes a single value`, this.tokens[second]);
    }
    this.i = this.tokens.length;
  }

  // -- token helpers ---------------------------------------------------------------------------

  private peek(ahead = 0): IToken | undefined {
    return this.tokens[this.i + ahead];
  }

  private adjacent(): boolean {
    const previous = this.tokens[this.i - 1];
    const next = this.tokens[this.i];
    return previous !== undefined && next !== undefined && adjacent(previous, next);
  }

  private accept(type: TokenType): boolean {
    if (!is(this.peek(), type)) return false;
    this.i++;
    return true;
  }

  private take(what: string): IToken {
    const t = this.peek();
    if (!t) return this.fail(`expected ${what}`);
    this.i++;
    return t;
  }

  private expect(type: TokenType, what: string): IToken {
    const t = this.peek();
    if (!is(t, type)) return this.fail(`expected ${what}`, t);
    this.i++;
    return t!;
  }

  private expectWord(what: string): IToken {
    const t = this.peek();
    if (!t || !(is(t, Identifier) || is(t, GlobalWord) || is(t, ValueWord))) return this.fail(`expected ${what}`, t);
    this.i++;
    return t;
  }

  private keyword(word: string): void {
    const t = this.peek();
    if (!t || t.image.toLowerCase() !== word) this.fail(`expected \`${word}\``, t);
    this.i++;
  }

  private number(): number {
    return this.b.number(this.expect(NumberLike, "a number")).value;
  }

  private fail(message: string, at?: IToken): never {
    const t = at ?? this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
    const found = at === undefined && this.i >= this.tokens.length ? "the end of the value" : `\`${t.image}\``;
    const text = message === "unexpected" ? `unexpected ${found} in the \`${this.name}\` value` : `invalid \`${this.name}\` value: ${message}, found ${found}`;
    this.b.error(SYNTAX_CODES.globalValue, text, this.b.tokenSpan(t));
    throw new InvalidValue();
  }
}
