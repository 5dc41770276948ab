import { test } from "node:test";
import assert from "node:assert/strict";
import { formatVia, parseVia, parseViaList, viaBranch } from "../runtime/sip/via.ts";
import { stampReceived, withReceived } from "../runtime/sip/via-received.ts";
import { paramValue } from "../runtime/sip/params.ts";

test("a Via: protocol, transport, sent-by and parameters", () => {
  const via = parseVia("SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5060;ttl");
  assert.ok(via);
  assert.equal(via.protocol, "SIP");
  assert.equal(via.version, "2.0");
  assert.equal(via.transport, "UDP");
  assert.equal(via.host, "pc33.atlanta.com");
  assert.equal(via.port, 5066);
  assert.equal(viaBranch(via), "z9hG4bK776asdhds");
  assert.equal(paramValue(via.params, "received"), "192.0.2.1");
  assert.equal(paramValue(via.params, "rport"), "5060");
  assert.equal(paramValue(via.params, "ttl"), null);
  assert.equal(via.comment, null);
});

test("Via with IPv6, blanks around separators and a comment", () => {
  const via = parseVia("SIP / 2.0 / TLS [2001:db8::1]:5061 ;branch=z9hG4bKabc ;rport (Example, Inc.)");
  assert.equal(via?.transport, "TLS");
  assert.equal(via?.host, "[2001:db8::1]");
  assert.equal(via?.port, 5061);
  assert.equal(via?.comment, "Example, Inc.");
  assert.deepEqual(via?.params, [
    { name: "branch", value: "z9hG4bKabc" },
    { name: "rport", value: null },
  ]);
  assert.equal(parseVia("SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKasudf")?.transport, "WSS");
  assert.equal(viaBranch(parseVia("SIP/2.0/UDP h")!), null);
});

test("a multi-value Via field", () => {
  const vias = parseViaList("SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com:5070;branch=z9hG4bK2");
  assert.deepEqual(vias?.map((v) => [v.transport, v.host, v.port]), [
    ["UDP", "a.example.com", null],
    ["TCP", "b.example.com", 5070],
  ]);
  assert.equal(parseViaList("SIP/2.0/UDP a;branch=1, garbage"), null);
});

test("malformed Vias are null", () => {
  for (const bad of ["", "SIP/2.0/UDP", "SIP/2.0 host", "SIP/2.0/UDP host:port", "SIP/2.0/UDP [::1", "SIP/2.0/UDP host (unclosed", "SIP/2.0/UDP host;x (c) tail"]) {
    assert.equal(parseVia(bad), null, bad);
  }
});

test("formatVia gives a parsed Via back", () => {
  for (const text of ["SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds", "SIP/2.0/TCP [::1]:5070;rport=5070;received=::1 (comment)"]) {
    assert.equal(formatVia(parseVia(text)!), text);
  }
});

test("received is added when sent-by is not the source address; rport is filled in", () => {
  const named = parseVia("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1")!;
  assert.equal(formatVia(withReceived(named, { ip: "192.0.2.1", port: 5060 })), "SIP/2.0/UDP pc33.atlanta.com;received=192.0.2.1;branch=z9hG4bK1");

  const sameIp = parseVia("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1")!;
  assert.equal(withReceived(sameIp, { ip: "192.0.2.1", port: 5060 }), sameIp);

  const rport = parseVia("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1;received=10.9.9.9")!;
  assert.equal(formatVia(withReceived(rport, { ip: "192.0.2.1", port: 4711 })), "SIP/2.0/UDP 192.0.2.1:5060;received=192.0.2.1;rport=4711;branch=z9hG4bK1");

  assert.equal(
    formatVia(withReceived(sameIp, { ip: "192.0.2.1", port: 4711, forceRport: true })),
    "SIP/2.0/UDP 192.0.2.1:5060;received=192.0.2.1;rport=4711;branch=z9hG4bK1",
  );
  const v6 = parseVia("SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1")!;
  assert.equal(withReceived(v6, { ip: "2001:DB8::1", port: 5060 }), v6);
  assert.equal(formatVia(withReceived(v6, { ip: "[2001:db8::2]", port: 5060 })), "SIP/2.0/UDP [2001:db8::1];received=2001:db8::2;branch=z9hG4bK1");
});

test("stampReceived rewrites only the first Via of a field", () => {
  assert.equal(
    stampReceived("SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2", { ip: "192.0.2.7", port: 5060 }),
    "SIP/2.0/UDP a.example.com;received=192.0.2.7;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2",
  );
  assert.equal(stampReceived("not a via", { ip: "192.0.2.7", port: 5060 }), "not a via");
});
