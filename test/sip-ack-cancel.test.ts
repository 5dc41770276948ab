import { test } from "node:test";
import assert from "node:assert/strict";
import { buildAck, buildCancel } from "../runtime/sip/ack-cancel.ts";
import { parseSipMessage } from "../runtime/sip/parse.ts";
import type { SipMessage } from "../runtime/sip/message.ts";

function parse(text: string): SipMessage {
  const result = parseSipMessage(text);
  if (!result.ok) assert.fail(result.error);
  return result.msg;
}

const RECEIVED = [
  "INVITE sip:bob@biloxi.example.com SIP/2.0",
  "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKclient",
  "Route: <sip:proxy.example.com;lr>",
  "Route: <sip:edge.example.com;lr>",
  "Max-Forwards: 70",
  "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
  "To: Bob <sip:bob@biloxi.example.com>",
  "Call-ID: 3848276298220188511@atlanta.example.com",
  "CSeq: 31862 INVITE",
  "Content-Length: 0",
  "",
  "",
].join("\r\n");

/** The branch a proxy relays: its own Via on top and a new Request-URI, changes still pending. */
function branch(): SipMessage {
  const msg = parse(RECEIVED);
  msg.addVia("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy.0");
  msg.setRuri("sip:bob@192.0.2.4:5070");
  return msg;
}

test("CANCEL: same R-URI, top Via, From, To, Call-ID, CSeq number and Route set (RFC 3261 §9.1)", () => {
  assert.equal(
    buildCancel(branch()),
    [
      "CANCEL sip:bob@192.0.2.4:5070 SIP/2.0",
      "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy.0",
      "Route: <sip:proxy.example.com;lr>",
      "Route: <sip:edge.example.com;lr>",
      "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
      "To: Bob <sip:bob@biloxi.example.com>",
      "Call-ID: 3848276298220188511@atlanta.example.com",
      "CSeq: 31862 CANCEL",
      "Max-Forwards: 70",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
  );
});

test("CANCEL with a Reason header, from the sent text", () => {
  const sentText = branch().toString();
  const cancel = parse(buildCancel(parse(sentText), 'Reason: SIP;cause=200;text="Call completed elsewhere"\r\n'));
  assert.equal(cancel.method, "CANCEL");
  assert.equal(cancel.header("reason"), 'SIP;cause=200;text="Call completed elsewhere"');
  assert.equal(cancel.topVia?.params[0]?.value, "z9hG4bKproxy.0");
});

test("ACK for a non-2xx final reply takes To (with its tag) from the reply (RFC 3261 §17.1.1.3)", () => {
  const reply = parse(
    [
      "SIP/2.0 486 Busy Here",
      "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy.0",
      "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKclient",
      "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
      "To: Bob <sip:bob@biloxi.example.com>;tag=314159",
      "Call-ID: 3848276298220188511@atlanta.example.com",
      "CSeq: 31862 INVITE",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
  );
  const ack = parse(buildAck(branch(), reply));
  assert.equal(ack.method, "ACK");
  assert.equal(ack.ruri, "sip:bob@192.0.2.4:5070");
  assert.deepEqual(ack.headerListValues("via"), ["SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy.0"]);
  assert.equal(ack.header("to"), "Bob <sip:bob@biloxi.example.com>;tag=314159");
  assert.equal(ack.fromTag, "9fxced76sl");
  assert.deepEqual(ack.cseq, { number: "31862", method: "ACK" });
  assert.equal(ack.headerCount("route"), 2);
  assert.equal(ack.contentLength, 0);
});

test("a request missing headers still gives an ACK and a CANCEL", () => {
  const bare = parse("INVITE sip:a@b SIP/2.0\r\n\r\n");
  assert.equal(buildCancel(bare), "CANCEL sip:a@b SIP/2.0\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
  assert.equal(parse(buildAck(bare, bare)).method, "ACK");
});
