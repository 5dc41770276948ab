import { test } from "node:test";
import assert from "node:assert/strict";
import { formatUri, parseUri, uriHeadersText, uriParamsText, type SipUri } from "../runtime/sip/uri.ts";
import { formatParams, paramValue, parseParams } from "../runtime/sip/params.ts";
import { formatHostPort, parseHostPort } from "../runtime/sip/host-port.ts";

function uri(text: string): SipUri {
  const parsed = parseUri(text);
  assert.ok(parsed, `should parse: ${text}`);
  return parsed;
}

test("every part of a full SIP URI", () => {
  const u = uri("sip:alice:secretword@atlanta.com:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
  assert.equal(u.scheme, "sip");
  assert.equal(u.user, "alice");
  assert.equal(u.password, "secretword");
  assert.equal(u.host, "atlanta.com");
  assert.equal(u.port, 5061);
  assert.deepEqual(u.params, [
    { name: "transport", value: "tcp" },
    { name: "lr", value: null },
    { name: "maddr", value: "239.255.255.1" },
  ]);
  assert.deepEqual(u.headers, [
    { name: "subject", value: "project%20x" },
    { name: "priority", value: "urgent" },
  ]);
  assert.equal(uriParamsText(u), "transport=tcp;lr;maddr=239.255.255.1");
  assert.equal(uriHeadersText(u), "subject=project%20x&priority=urgent");
});

test("URIs without user, with IPv6 hosts, escaped users, sips", () => {
  const noUser = uri("sip:proxy.example.com;lr");
  assert.equal(noUser.user, null);
  assert.equal(noUser.host, "proxy.example.com");
  assert.deepEqual(noUser.params, [{ name: "lr", value: null }]);

  const v6 = uri("sip:bob@[2001:db8::10]:5070;transport=udp");
  assert.equal(v6.host, "[2001:db8::10]");
  assert.equal(v6.port, 5070);
  assert.equal(uri("sips:[::1]").host, "[::1]");
  assert.equal(uri("sips:[::1]").scheme, "sips");

  const escaped = uri("sip:alice%40home;x=1@example.com");
  assert.equal(escaped.user, "alice%40home;x=1");
  assert.equal(escaped.host, "example.com");

  const phone = uri("sip:+1-212-555-1212:1234@gateway.com;user=phone");
  assert.equal(phone.user, "+1-212-555-1212");
  assert.equal(phone.password, "1234");
  assert.equal(paramValue(phone.params, "USER"), "phone");

  assert.equal(uri("SIP:Bob@Example.COM").scheme, "sip");
  assert.equal(uri("SIP:Bob@Example.COM").host, "Example.COM");
  assert.deepEqual(uri("sip:a@b;empty=").params, [{ name: "empty", value: "" }]);
  assert.equal(uri("sip:10.0.0.1:0").port, 0);
});

test("tel: URIs keep the number in user and have no host", () => {
  const tel = uri("tel:+1-201-555-0123;phone-context=example.com;ext=99");
  assert.equal(tel.scheme, "tel");
  assert.equal(tel.user, "+1-201-555-0123");
  assert.equal(tel.host, "");
  assert.equal(tel.port, null);
  assert.equal(paramValue(tel.params, "phone-context"), "example.com");
  assert.equal(formatUri(tel), "tel:+1-201-555-0123;phone-context=example.com;ext=99");
  assert.equal(uri("tel:7042").user, "7042");
});

test("malformed URIs are null", () => {
  for (const bad of [
    "",
    "bob@example.com",
    ":bob@example.com",
    "http://example.com/",
    "mailto:bob@example.com",
    "sip:",
    "sip:bob@",
    "sip:@example.com",
    "sip::pw@example.com",
    "sip:bob@example.com:",
    "sip:bob@example.com:5o60",
    "sip:bob@example.com:65536",
    "sip:bob@example.com:123456",
    "sip:bob@[2001:db8::1",
    "sip:bob@[2001:db8::1]x",
    "sip:bob@exa mple.com",
    "sip:<bob@example.com>",
    'sip:"bob"@example.com',
    "sip:bob@example.com?",
    "sip:bob@example.com?a=b&&c=d",
    "sip:bob@host/path",
    "tel:",
    "tel:+123@example.com",
  ]) {
    assert.equal(parseUri(bad), null, bad);
  }
});

test("formatUri(parseUri(t)) gives t back", () => {
  for (const text of [
    "sip:alice@atlanta.com",
    "sip:alice:pw@atlanta.com:5060;transport=tcp;lr?subject=x&flag",
    "sips:[2001:db8::1]:5061;maddr=[2001:db8::2]",
    "sip:+49301234567;npdi;rn=+4930@gw.example.com;user=phone",
    "sip:registrar.example.com",
    "tel:+358-555-1234567;postd=pp22",
  ]) {
    assert.equal(formatUri(uri(text)), text);
  }
});

test("a changed URI formats with its new parts", () => {
  const u = uri("sip:alice@atlanta.com;transport=tcp");
  assert.equal(formatUri({ ...u, user: null }), "sip:atlanta.com;transport=tcp");
  assert.equal(formatUri({ ...u, host: "10.0.0.2", port: 5080 }), "sip:alice@10.0.0.2:5080;transport=tcp");
  assert.equal(formatUri({ ...u, params: [...u.params, { name: "nat", value: "yes" }] }), "sip:alice@atlanta.com;transport=tcp;nat=yes");
});

test("parameter lists", () => {
  assert.deepEqual(parseParams(";tag=abc; lr ;x = y;;q=0.7"), [
    { name: "tag", value: "abc" },
    { name: "lr", value: null },
    { name: "x", value: "y" },
    { name: "q", value: "0.7" },
  ]);
  assert.deepEqual(parseParams('text="a;b=c";d'), [
    { name: "text", value: '"a;b=c"' },
    { name: "d", value: null },
  ]);
  assert.deepEqual(parseParams(""), []);
  assert.equal(formatParams([{ name: "a", value: "1" }, { name: "b", value: null }]), ";a=1;b");
  const params = parseParams("Tag=1;lr");
  assert.equal(paramValue(params, "tag"), "1");
  assert.equal(paramValue(params, "LR"), null);
  assert.equal(paramValue(params, "missing"), undefined);
});

test("host and port", () => {
  assert.deepEqual(parseHostPort("example.com"), { host: "example.com", port: null });
  assert.deepEqual(parseHostPort("192.0.2.1:5060"), { host: "192.0.2.1", port: 5060 });
  assert.deepEqual(parseHostPort("[::1]:5062"), { host: "[::1]", port: 5062 });
  for (const bad of ["", ":5060", "host:", "host:x", "[::1", "[::1]:", "[zz]", "a b", "host:99999"]) {
    assert.equal(parseHostPort(bad), null, bad);
  }
  assert.equal(formatHostPort("[::1]", 5060), "[::1]:5060");
  assert.equal(formatHostPort("h", null), "h");
});
