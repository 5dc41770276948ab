import { test } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { buildAck, buildCancel } from "../runtime/sip/ack-cancel.ts";
import { parseCSeq } from "../runtime/sip/cseq.ts";
import { fixSipText } from "../runtime/sip/fixup.ts";
import type { SipMessage } from "../runtime/sip/message.ts";
import { parseNameAddr, parseNameAddrList } from "../runtime/sip/name-addr.ts";
import { parseParams } from "../runtime/sip/params.ts";
import { parseSipMessage } from "../runtime/sip/parse.ts";
import { buildReply } from "../runtime/sip/reply.ts";
import { formatUri, parseUri } from "../runtime/sip/uri.ts";
import { formatVia, parseVia, parseViaList } from "../runtime/sip/via.ts";

const SEEDS = [
  [
    "INVITE sip:bob@biloxi.example.com;user=phone SIP/2.0",
    "Via: SIP/2.0/UDP [2001:db8::10]:5060;branch=z9hG4bKnashds8;rport, SIP/2.0/TCP 10.0.0.1;branch=z9hG4bK2",
    "Max-Forwards: 70",
    'From: "Alice, \\"A\\"" <sip:alice:pw@atlanta.example.com>;tag=9fxced76sl',
    "t: <sip:bob@biloxi.example.com>",
    "Call-ID: 3848276298220188511@atlanta.example.com",
    "CSeq: 1 INVITE",
    "Contact: <sip:alice@192.0.2.10;transport=udp>;expires=60, sip:a2@192.0.2.11;q=0.5",
    "Route: <sip:proxy.example.com;lr>",
    "Content-Type: application/sdp",
    "Content-Length: 74",
    "",
    "v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n",
  ].join("\r\n"),
  [
    "SIP/2.0 200 OK",
    "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKproxy;received=192.0.2.1",
    "Record-Route: <sip:192.0.2.1;lr>",
    "From: <sip:alice@a.example>;tag=1",
    "To: Bob <sip:bob@b.example>;tag=2",
    "Call-ID: x@y",
    "CSeq: 7 INVITE",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n"),
  [
    "REGISTER sip:registrar.example.com SIP/2.0",
    "v: SIP/2.0/UDP bobspc.example.com:5060;branch=z9hG4bKnashds7",
    "f: Bob <sip:bob@example.com>;tag=456248",
    "Subject: folded",
    "  over two lines",
    "m: *",
    "Expires: 0",
    "l: 0",
    "",
    "",
  ].join("\n"),
];

/** mulberry32: a small seeded generator, so every run tries the same inputs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [..."\r\n :;,<>\"'\\@[]()=?&%\t\0é"];

function mutate(text: string, next: () => number): string | Buffer {
  const at = (n: number) => Math.floor(next() * n);
  let s = text;
  for (let step = 0, steps = 1 + at(4); step < steps; step++) {
    const i = at(s.length + 1);
    switch (at(6)) {
      case 0:
        s = s.slice(0, i);
        break;
      case 1:
        s = s.slice(0, i) + s.slice(i + 1 + at(8));
        break;
      case 2: {
        const length = 1 + at(40);
        s = s.slice(0, i) + s.slice(i, i + length) + s.slice(i);
        break;
      }
      case 3:
        s = s.slice(0, i) + INTERESTING[at(INTERESTING.length)] + s.slice(i);
        break;
      case 4:
        s = s.slice(0, i) + String.fromCharCode(at(256)) + s.slice(i + 1);
        break;
      default: {
        const bytes = Buffer.from(s, "utf8");
        for (let k = 0, count = 1 + at(6); k < count && bytes.length > 0; k++) bytes[at(bytes.length)] = at(256);
        return bytes;
      }
    }
  }
  return s;
}

/** Every public read and change on a parsed message, and the builders; checks what must hold. */
function exercise(msg: SipMessage): void {
  const reads = [
    msg.method, msg.ruri, msg.originalRuri, msg.parsedRuri, msg.parsedOriginalRuri, msg.statusCode, msg.reason,
    msg.callId, msg.cseq, msg.from, msg.to, msg.fromUri, msg.toUri, msg.fromTag, msg.toTag, msg.vias,
    msg.topVia, msg.contacts, msg.maxForwards, msg.contentLength, msg.contentType, msg.userAgent, msg.body,
    msg.text, msg.byteLength, msg.isRequest, msg.startLine,
  ];
  assert.equal(reads.length, 27);
  for (const field of msg.headerFields) {
    msg.header(field.name, 0);
    msg.header(field.name, -1);
    msg.headerCount(field.name);
    msg.headerListValues(field.key);
    for (const value of [field.value, ...field.value.split(/[<>,;]/)]) {
      const uri = parseUri(value);
      if (uri !== null) assert.notEqual(parseUri(formatUri(uri)), null, `formatUri output parses: ${value}`);
      const via = parseVia(value);
      if (via !== null) assert.notEqual(parseVia(formatVia(via)), null, `formatVia output parses: ${value}`);
      parseNameAddr(value);
      parseNameAddrList(value);
      parseViaList(value);
      parseParams(value);
      parseCSeq(value);
    }
  }
  msg.search(/INVITE/);
  buildReply(msg, 180, "Ringing", { source: { ip: "192.0.2.200", port: 5060 } });
  buildCancel(msg);
  buildAck(msg, msg);

  const copy = msg.clone();
  copy.setRuriUser("fuzz");
  copy.setRuriPort(5099);
  copy.addVia("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKfuzz");
  copy.stampTopVia({ ip: "192.0.2.200", port: 5060, forceRport: true });
  copy.removeTopVia();
  copy.appendHeader("X-Fuzz: 1\r\n");
  copy.appendHeaderAfter("X-After: 1\r\n", "call-id");
  copy.insertHeaderBefore("X-Before: 1\r\n", "cseq");
  copy.removeHeaders("route");
  copy.removeHeadersGlob("x-*");
  copy.setMaxForwards(69);
  copy.addRecordRoute("<sip:192.0.2.1;lr>");
  copy.setBody(msg.body.slice(0, 10), "text/plain");
  const sent = parseSipMessage(copy.toBuffer());
  assert.ok(sent.ok, `a changed message serialises to a valid message: ${sent.ok ? "" : sent.error} ${JSON.stringify(copy.toString())}`);
  assert.equal(sent.msg.body, copy.outgoingBody);
  assert.equal(copy.applyChanges(), true);
  assert.equal(msg.toString().length > 0, true);
}

test("5,000 random mutations of valid messages never throw from the public API", () => {
  const next = random(20261127);
  let parsedCount = 0;
  for (let i = 0; i < 5000; i++) {
    const input = mutate(SEEDS[i % SEEDS.length]!, next);
    const text = typeof input === "string" ? input : input.toString("latin1");
    assert.equal(typeof fixSipText(text), "string");
    const result = parseSipMessage(input);
    if (!result.ok) {
      assert.ok(result.error.length > 0);
      continue;
    }
    parsedCount++;
    exercise(result.msg);
  }
  assert.ok(parsedCount > 1000, `enough mutants still parse to exercise the message API (${parsedCount})`);
});
