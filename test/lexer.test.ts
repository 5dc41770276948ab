/** The lexer (spec §1): comments, strings, numbers, `$…` cutting, IPs, keywords, operators. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize } from "../compiler/lexer.ts";

/** `Type:image` for every token, for compact expectations. */
function lex(text: string): string[] {
  return tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

test("block comments nest; `#` comments run to the end of the line; `//` is two slashes", () => {
  assert.deepEqual(lex("/* a /* b */ c */ exit # done\n// x"), ["Kw_exit:exit", "Slash:/", "Slash:/", "Identifier:x"]);
});

test("comment markers inside strings are text", () => {
  assert.deepEqual(lex(`"/* # //" '#'`), [`DqString:"/* # //"`, "SqString:'#'"]);
});

test("a backslash before a newline joins lines outside strings", () => {
  assert.deepEqual(lex("1 + \\\n2"), ["NumberLiteral:1", "Plus:+", "NumberLiteral:2"]);
});

test("double-quoted strings keep escaped quotes; single-quoted strings end at the next quote", () => {
  assert.deepEqual(lex(`"a\\"b" 'c\\'`), [`DqString:"a\\"b"`, "SqString:'c\\'"]);
});

test("unterminated strings, comments and pseudo-variables are errors at their start and swallow the rest", () => {
  const s = tokenize(`exit; "open\nexit;`);
  assert.deepEqual(s.errors, [{ kind: "string", offset: 6, length: 11 }]);
  assert.deepEqual(tokenize("/* /* */ exit").errors, [{ kind: "comment", offset: 0, length: 13 }]);
  assert.deepEqual(tokenize("x $var(a = 1;").errors, [{ kind: "pv", offset: 2, length: 11 }]);
});

test("an unknown character is reported and skipped", () => {
  const r = tokenize("exit @ ;");
  assert.deepEqual(r.errors, [{ kind: "character", offset: 5, length: 1 }]);
  assert.deepEqual(r.tokens.map((t) => t.image), ["exit", ";"]);
});

test("numbers: decimal, hex, octal; a leading zero before 8/9 ends the number", () => {
  assert.deepEqual(lex("0 42 0x1F 010 09"), [
    "NumberLiteral:0",
    "NumberLiteral:42",
    "NumberLiteral:0x1F",
    "NumberLiteral:010",
    "NumberLiteral:0",
    "NumberLiteral:9",
  ]);
});

test("`1.5` is a number, a dot and a number", () => {
  assert.deepEqual(lex("1.5"), ["NumberLiteral:1", "Dot:.", "NumberLiteral:5"]);
});

test("boolean words are numbers; `on` between blanks is the auto-scaling keyword", () => {
  assert.deepEqual(lex("yes no true false off enable disable on;"), [
    "BooleanWord:yes",
    "BooleanWord:no",
    "BooleanWord:true",
    "BooleanWord:false",
    "BooleanWord:off",
    "BooleanWord:enable",
    "BooleanWord:disable",
    "BooleanWord:on",
    "Semicolon:;",
  ]);
  assert.deepEqual(lex("1 + on + 2"), ["NumberLiteral:1", "Plus:+", "SocketWord:on", "Plus:+", "NumberLiteral:2"]);
  assert.deepEqual(lex("x as y\nas"), ["Identifier:x", "SocketWord:as", "Identifier:y", "Identifier:as"]);
});

test("reserved words are keywords; longer words are identifiers", () => {
  assert.deepEqual(lex("route routes default log_level mem-group null NULL any tag"), [
    "Kw_route:route",
    "Identifier:routes",
    "Kw_default:default",
    "GlobalWord:log_level",
    "GlobalWord:mem-group",
    "Null:null",
    "Null:NULL",
    "ValueWord:any",
    "ValueWord:tag",
  ]);
});

test("`and`, `or`, `not` are the operators `&&`, `||`, `!`", () => {
  assert.deepEqual(lex("not a and b or c"), ["Bang:not", "Identifier:a", "AndAnd:and", "Identifier:b", "OrOr:or", "Identifier:c"]);
});

test("operators take their longest spelling", () => {
  assert.deepEqual(
    lex("== =~ = != !~ ! <= << < >= >> > && &= & || |= | += -= *= /= %= ^= := ~"),
    ["==", "=~", "=", "!=", "!~", "!", "<=", "<<", "<", ">=", ">>", ">", "&&", "&=", "&", "||", "|=", "|", "+=", "-=", "*=", "/=", "%=", "^=", ":=", "~"].map(
      (op) => lex(op)[0]!,
    ),
  );
  assert.deepEqual(lex("a<<=1"), ["Identifier:a", "Shl:<<", "Assign:=", "NumberLiteral:1"]);
});

test("a `$` token counts parentheses: the matching `)` ends it, everything inside belongs to it", () => {
  assert.deepEqual(lex("$hdr(X-a b, c)=1"), ["PseudoVariable:$hdr(X-a b, c)", "Assign:=", "NumberLiteral:1"]);
  assert.deepEqual(lex("$(avp(x){s.select,1,,}) "), ["PseudoVariable:$(avp(x){s.select,1,,})"]);
});

test("a short `$` token ends before blanks, `)`, `;`, `,` and operators, but takes braces and brackets", () => {
  assert.deepEqual(lex("$rU==$fU;"), ["PseudoVariable:$rU", "EqEq:==", "PseudoVariable:$fU", "Semicolon:;"]);
  assert.deepEqual(lex("($rU)"), ["LParen:(", "PseudoVariable:$rU", "RParen:)"]);
  assert.deepEqual(lex("$ru{uri.user} $rU.x $a:b $a:=1"), [
    "PseudoVariable:$ru{uri.user}",
    "PseudoVariable:$rU.x",
    "PseudoVariable:$a:b",
    "PseudoVariable:$a",
    "ColonEq::=",
    "NumberLiteral:1",
  ]);
});

test("an index or transformation after `$name(…)` is a separate token (spec §1.6)", () => {
  assert.deepEqual(lex("$avp(x)[1]"), ["PseudoVariable:$avp(x)", "LBrack:[", "NumberLiteral:1", "RBrack:]"]);
  assert.deepEqual(lex("$var(x){s.len}"), ["PseudoVariable:$var(x)", "LBrace:{", "Identifier:s", "Dot:.", "Identifier:len", "RBrace:}"]);
});

test("the letters `and`/`or`/`not` end a short pseudo-variable name, as in cfg.lex", () => {
  assert.deepEqual(lex("$challenge.algorithm"), ["PseudoVariable:$challenge.alg", "Identifier:orithm"]);
  assert.deepEqual(lex("$(challenge.algorithm)"), ["PseudoVariable:$(challenge.algorithm)"]);
});

test("IPv4, IPv6 and networks are single tokens", () => {
  assert.deepEqual(lex("10.0.0.1 10.0.0.0/8 10.0.0.0/255.0.0.0 ::1 fe80::1:2 2001:db8::/32 1:2:3:4:5:6:7:8"), [
    "IpLiteral:10.0.0.1",
    "IpLiteral:10.0.0.0/8",
    "IpLiteral:10.0.0.0/255.0.0.0",
    "IpLiteral:::1",
    "IpLiteral:fe80::1:2",
    "IpLiteral:2001:db8::/32",
    "IpLiteral:1:2:3:4:5:6:7:8",
  ]);
});

test("socket text: protocols, ports and bracketed IPv6 split as the grammar expects", () => {
  assert.deepEqual(lex("udp:[2001:db8::1]:5060"), ["Identifier:udp", "Colon::", "LBrack:[", "IpLiteral:2001:db8::1", "RBrack:]", "Colon::", "NumberLiteral:5060"]);
  assert.deepEqual(lex("tcp:eth0:5060-5070"), ["Identifier:tcp", "Colon::", "Identifier:eth0", "Colon::", "NumberLiteral:5060", "Minus:-", "NumberLiteral:5070"]);
  assert.deepEqual(lex("case 1:"), ["Kw_case:case", "NumberLiteral:1", "Colon::"]);
});
