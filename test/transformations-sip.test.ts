/** The `uri`, `via`, `nameaddr` and `param` transformation classes (spec §9). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyTransform, resolveTransform } from "../runtime/transformations/index.ts";
import type { Value } from "../runtime/value.ts";

const uri = (method: string, input: Value, params: Value[] = []): Value => applyTransform("uri", method, input, params);
const via = (method: string, input: Value, params: Value[] = []): Value => applyTransform("via", method, input, params);
const param = (method: string, input: Value, params: Value[] = []): Value => applyTransform("param", method, input, params);
const na = (method: string, input: Value, params: Value[] = [], index?: number): Value =>
  applyTransform("nameaddr", method, input, params, index);

const FULL = "sips:alice:secret@[2001:db8::1]:5061;transport=TLS;ttl=15;user=ip;maddr=10.0.0.1;method=INVITE;lr=on;r2=on;x?subject=hi&h2=v";

test("uri parts (spec §9 examples [V])", () => {
  const x = "sip:alice@example.com;transport=tcp";
  assert.equal(uri("user", x), "alice");
  assert.equal(uri("param", x, ["transport"]), "tcp");
  assert.equal(uri("host", x), "example.com");
  assert.equal(uri("domain", x), "example.com");
  assert.equal(uri("params", x), "transport=tcp");
  assert.equal(uri("transport", x), "tcp");
});

test("uri parts of a URI with every part", () => {
  assert.equal(uri("schema", FULL), "sips");
  assert.equal(uri("user", FULL), "alice");
  assert.equal(uri("passwd", FULL), "secret");
  assert.equal(uri("host", FULL), "[2001:db8::1]", "IPv6 references keep their brackets");
  assert.equal(uri("port", FULL), 5061, "the port is int-typed");
  assert.equal(uri("params", FULL), "transport=TLS;ttl=15;user=ip;maddr=10.0.0.1;method=INVITE;lr=on;r2=on;x");
  assert.equal(uri("headers", FULL), "subject=hi&h2=v");
  assert.equal(uri("transport", FULL), "TLS");
  assert.equal(uri("ttl", FULL), "15");
  assert.equal(uri("uparam", FULL), "ip");
  assert.equal(uri("maddr", FULL), "10.0.0.1");
  assert.equal(uri("method", FULL), "INVITE");
  assert.equal(uri("lr", FULL), "on");
  assert.equal(uri("r2", FULL), "on");
  assert.equal(uri("param", FULL, ["TTL"]), "15", "param names are case-insensitive");
  assert.equal(uri("param", FULL, ["x"]), "", "a parameter without value gives the empty string");
  assert.equal(uri("param", FULL, ["nope"]), null);
});

test("absent uri parts are NULL (OpenSIPS 3.x), including a bare ;lr", () => {
  const x = "sip:example.com;lr";
  for (const m of ["user", "passwd", "port", "headers", "transport", "ttl", "uparam", "maddr", "method", "lr", "r2"]) {
    assert.equal(uri(m, x), null, m);
  }
  assert.equal(uri("host", x), "example.com");
  assert.equal(uri("params", "sip:a@b"), null);
  assert.equal(uri("param", "sip:a@b", ["transport"]), null);
});

test("uri schema keeps its case; tel URIs carry the number as user and no host", () => {
  assert.equal(uri("schema", "SIP:bob@x"), "SIP");
  const tel = "tel:+441234567;phone-context=example.com";
  assert.equal(uri("schema", tel), "tel");
  assert.equal(uri("user", tel), "+441234567");
  assert.equal(uri("host", tel), null);
  assert.equal(uri("param", tel, ["phone-context"]), "example.com");
});

test("user=phone SIP URIs: the user is cut at ';' and its parameters become the URI parameters", () => {
  const x = "sip:+1234;npdi;rn=+1999@gw.example.com;user=phone";
  assert.equal(uri("user", x), "+1234");
  assert.equal(uri("params", x), "npdi;rn=+1999");
  assert.equal(uri("param", x, ["rn"]), "+1999");
  assert.equal(uri("uparam", x), "phone");
});

test("uri: NULL, empty and malformed input give NULL; a PV name parameter must be non-empty", () => {
  assert.equal(uri("user", null), null);
  assert.equal(uri("user", ""), null);
  assert.equal(uri("user", "http://example.com/"), null);
  assert.equal(uri("host", "sip:"), null);
  assert.equal(uri("port", "sip:a@b:99999"), null);
  assert.equal(uri("param", "sip:a@b;x=1", [""]), null);
  assert.equal(uri("param", "sip:a@b;x=1", [null]), null);
});

test("uri.param: the first parameter of that name wins; the special ones take the last", () => {
  assert.equal(uri("param", "sip:a@b;y=2;y=3", ["y"]), "2");
  assert.equal(uri("transport", "sip:a@b;transport=udp;transport=tcp"), "tcp");
});

test("uri chained after nameaddr.uri then s.tolower (spec §13 example)", () => {
  const from = '"Bob" <sip:BoB@x.org>;tag=abc';
  const u = na("uri", from);
  assert.equal(applyTransform("s", "tolower", uri("user", u)), "bob");
});

test("via parts", () => {
  const v = "SIP/2.0/UDP 192.0.2.4:5070;branch=z9hG4bKnashds8;received=198.51.100.1;rport=6000 (proxy one)";
  assert.equal(via("name", v), "SIP");
  assert.equal(via("version", v), "2.0");
  assert.equal(via("transport", v), "UDP");
  assert.equal(via("host", v), "192.0.2.4");
  assert.equal(via("domain", v), "192.0.2.4");
  assert.equal(via("port", v), 5070, "int-typed");
  assert.equal(via("params", v), "branch=z9hG4bKnashds8;received=198.51.100.1;rport=6000");
  assert.equal(via("branch", v), "z9hG4bKnashds8");
  assert.equal(via("received", v), "198.51.100.1");
  assert.equal(via("rport", v), "6000");
  assert.equal(via("comment", v), "proxy one");
  assert.equal(via("param", v, ["RECEIVED"]), "198.51.100.1");
});

test("via: absent parts, bare rport, multiple vias, bad input", () => {
  const v = "SIP/2.0/TCP host.example.com;rport;branch=z9hG4bK1, SIP/2.0/UDP other:5060;branch=z9hG4bK2";
  assert.equal(via("host", v), "host.example.com", "the first Via of a list");
  assert.equal(via("port", v), null);
  assert.equal(via("rport", v), null, "rport without value");
  assert.equal(via("received", v), null);
  assert.equal(via("comment", v), null);
  assert.equal(via("branch", v), "z9hG4bK1");
  assert.equal(via("param", v, ["nope"]), null);
  assert.equal(via("host", "SIP/2.0/UDP [2001:db8::9]:5060"), "[2001:db8::9]");
  assert.equal(via("host", "not a via"), null);
  assert.equal(via("host", "ab"), null);
  assert.equal(via("host", ""), null);
  assert.equal(via("host", null), null);
});

test("nameaddr parts (spec §9 examples [V])", () => {
  const h = '"Bob" <sip:bob@x.org>;tag=abc';
  assert.equal(uri("user", na("uri", h)), "bob");
  assert.equal(na("param", h, ["tag"]), "abc");
  assert.equal(na("name", h), '"Bob"', "the display name keeps its quotes, as OpenSIPS's parse_to does");
  assert.equal(na("len", h), 21, "int-typed length of display name and address");
  assert.equal(na("params", h), "tag=abc");
});

test("nameaddr forms: unquoted display, no display, bare URI with header params", () => {
  assert.equal(na("name", "Bob Smith <sip:b@x>"), "Bob Smith");
  assert.equal(na("uri", "Bob Smith <sip:b@x>"), "sip:b@x");
  assert.equal(na("name", "<sip:b@x;lr>"), null);
  assert.equal(na("uri", "<sip:b@x;lr>"), "sip:b@x;lr", "URI parameters stay inside <>");
  assert.equal(na("params", "<sip:b@x;lr>"), null);
  assert.equal(na("uri", "sip:b@x;tag=9"), "sip:b@x", "after a bare URI the parameters belong to the header");
  assert.equal(na("param", "sip:b@x;tag=9", ["tag"]), "9");
  assert.equal(na("len", "sip:b@x;tag=9"), 7);
  assert.equal(na("params", '<sip:a@b>;expires=60;q="0.5"'), 'expires=60;q="0.5"');
  assert.equal(na("param", '<sip:a@b>;q="0.5"', ["q"]), "0.5", "quotes removed from the value");
  assert.equal(na("param", "<sip:a@b>;Tag=1", ["tag"]), null, "nameaddr.param compares names case-sensitively");
  assert.equal(na("param", "<sip:a@b>;flag", ["flag"]), null, "a parameter without value is NULL");
});

test("nameaddr index selects an element of a comma list (negative from the end)", () => {
  const list = '"first" <sip:first@opensips.org>, "second" <sip:second@opensips.org>;expires=5';
  assert.equal(na("name", list, [], 0), '"first"');
  assert.equal(na("name", list), '"first"', "index defaults to 0");
  assert.equal(na("name", list, [], 1), '"second"');
  assert.equal(na("name", list, [], -1), '"second"');
  assert.equal(na("param", list, ["expires"], -1), "5");
  assert.equal(na("uri", list, [], 2), null);
  assert.equal(na("uri", list, [], -3), null);
  const uriAt = resolveTransform("nameaddr", "uri")!;
  assert.equal(uriAt(list, [{ int: 1, text: "1" }]), "sip:second@opensips.org", "the index as the first parameter (a PV value)");
  assert.equal(uriAt(list, [null]), "sip:first@opensips.org", "a NULL index means 0");
  assert.equal(uriAt(list, ["1"]), null, "a string index fails like a non-int PV");
});

test("nameaddr: NULL, empty and malformed input", () => {
  assert.equal(na("uri", null), null);
  assert.equal(na("uri", ""), null);
  assert.equal(na("uri", '"unterminated <sip:a@b>'), null);
  assert.equal(na("uri", "Bob <sip:a@b"), null);
});

test("param class over k=v lists (spec §9 nested example [V])", () => {
  const q = "k1=v;k2=vv;k3=vvv";
  assert.equal(param("name", q, [2]), "k3");
  assert.equal(applyTransform("s", "len", param("value", q, [param("name", q, [2])])), 3);
  assert.equal(param("value", q, ["K2"]), "vv", "names are case-insensitive");
  assert.equal(param("value", q, ["k4"]), null);
  assert.equal(param("exist", q, ["k1"]), 1, "int-typed");
  assert.equal(param("exists", q, ["k9"]), 0);
  assert.equal(param("valueat", q, [0]), "v");
  assert.equal(param("valueat", q, [-1]), "vvv");
  assert.equal(param("valueat", q, [3]), null);
  assert.equal(param("valueat", q, [-4]), null);
  assert.equal(param("name", q, [-3]), "k1");
  assert.equal(param("count", q), 3, "int-typed");
});

test("param parsing follows OpenSIPS parse_params", () => {
  assert.equal(param("value", "a=1; b = 2 ;c", ["b"]), "2", "blanks around = and ; are skipped");
  assert.equal(param("value", "a=1;c", ["c"]), "", "valueless parameter gives the empty string");
  assert.equal(param("value", 'a="x;y";b=2', ["a"]), "x;y", "quoted values may hold ; and lose their quotes");
  assert.equal(param("count", "a=1,b=2"), 1, "a comma ends the list");
  assert.equal(param("count", ";a=1"), 2, "a leading ; makes an empty-named first parameter");
  assert.equal(param("count", "a=1;"), null, "a trailing ; fails the list");
  assert.equal(param("value", "a=;b=1", ["b"]), null, "a missing value fails the list");
  assert.equal(param("value", 'a="open', ["a"]), null);
  assert.equal(param("count", ""), null, "empty input");
  assert.equal(param("count", null), null);
  assert.equal(param("value", "a=1", [""]), null);
  assert.equal(param("valueat", "a=1", ["0"]), null, "string index fails like a non-int PV");
  assert.equal(param("count", 5), 1, "an int value is read as its text");
});

test("param.value of a Contact-style value reads the header parameters", () => {
  assert.equal(param("value", "<sip:a@b:5060>;expires=60", ["expires"]), "60", "as $(ct{param.value,expires}) in the corpus");
  assert.equal(param("value", "<sip:a@b;transport=udp>;expires=60", ["expires"]), "60");
  assert.equal(param("value", "expires=3600;q=0.8;+sip.instance=\"<urn:uuid:1>\"", ["+sip.instance"]), "<urn:uuid:1>");
});
