import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSipMessage } from "../runtime/sip/parse.ts";
import type { SipMessage } from "../runtime/sip/message.ts";

const INVITE = [
  "INVITE sip:bob@biloxi.example.com SIP/2.0",
  "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds8, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKfirst",
  "Via: SIP/2.0/TCP 10.0.0.2;branch=z9hG4bKsecond",
  "Max-Forwards: 70",
  "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
  "To: Bob <sip:bob@biloxi.example.com>",
  "Call-ID: 3848276298220188511@atlanta.example.com",
  "CSeq: 1 INVITE",
  "X-Billing-Account: 42",
  "X-Billing-Plan: gold",
  "X-Other: 1",
  "Content-Type: text/plain",
  "Content-Length: 5",
  "",
  "Hello",
].join("\r\n");

function invite(text = INVITE): SipMessage {
  const result = parseSipMessage(text);
  if (!result.ok) assert.fail(result.error);
  return result.msg;
}

/** The header lines of what would be sent. */
function sentLines(msg: SipMessage): string[] {
  const text = msg.toString();
  return text.slice(0, text.indexOf("\r\n\r\n")).split("\r\n");
}

function sent(msg: SipMessage): SipMessage {
  return invite(msg.toString());
}

test("an unchanged message serialises to its received text", () => {
  const msg = invite();
  assert.equal(msg.hasPendingChanges, false);
  assert.equal(msg.toString(), INVITE);
  assert.equal(msg.toBuffer().toString("utf8"), INVITE);
});

test("setting the R-URI and its parts; the original stays readable", () => {
  const msg = invite();
  assert.equal(msg.setRuriUser("carol"), true);
  assert.equal(msg.ruri, "sip:carol@biloxi.example.com");
  assert.equal(msg.parsedRuri?.user, "carol");
  assert.equal(msg.setRuriHost("192.0.2.20"), true);
  assert.equal(msg.setRuriPort(5080), true);
  assert.equal(msg.ruri, "sip:carol@192.0.2.20:5080");
  assert.equal(msg.setRuriPort(null), true);
  assert.equal(msg.setRuriUser(null), true);
  assert.equal(msg.ruri, "sip:192.0.2.20");
  assert.equal(msg.originalRuri, "sip:bob@biloxi.example.com");
  assert.equal(msg.parsedOriginalRuri?.user, "bob");
  assert.equal(msg.hasPendingChanges, true);
  assert.equal(sentLines(msg)[0], "INVITE sip:192.0.2.20 SIP/2.0");

  assert.equal(msg.setRuri("sip:dave@example.org;transport=tcp"), true);
  assert.equal(msg.parsedRuri?.host, "example.org");
  assert.equal(msg.setRuri("not a uri"), false);
  assert.equal(msg.setRuriHost("bad host"), false);
  assert.equal(msg.ruri, "sip:dave@example.org;transport=tcp");
  assert.equal(msg.updateRuri((u) => ({ ...u, params: [] })), true);
  assert.equal(msg.ruri, "sip:dave@example.org");
});

test("header changes are pending: reads see the received message until applyChanges()", () => {
  const msg = invite();
  msg.appendHeader("X-A: 1\r\n");
  assert.equal(msg.removeHeaders("x-other"), 1);
  assert.equal(msg.header("X-A"), null);
  assert.equal(msg.header("X-Other"), "1");
  assert.equal(msg.hasPendingChanges, true);
  assert.equal(msg.applyChanges(), true);
  assert.equal(msg.header("X-A"), "1");
  assert.equal(msg.header("X-Other"), null);
  assert.equal(msg.hasPendingChanges, false);
});

test("append_hf: after the last header, or after the first anchor", () => {
  const msg = invite();
  msg.appendHeader("X-A: 1\r\nX-B: 2\r\n");
  assert.equal(msg.appendHeaderAfter("X-After-CallID: yes\r\n", "i"), true);
  assert.equal(msg.appendHeaderAfter("X-Nope: 1\r\n", "X-Missing"), false);
  const lines = sentLines(msg);
  assert.deepEqual(lines.slice(-3), ["Content-Length: 5", "X-A: 1", "X-B: 2"]);
  assert.equal(lines[lines.indexOf("Call-ID: 3848276298220188511@atlanta.example.com") + 1], "X-After-CallID: yes");
  assert.equal(lines.includes("X-Nope: 1"), false);
});

test("insert_hf: before the first header, or before the first anchor", () => {
  const msg = invite();
  msg.insertHeader("X-Top: 1\r\n");
  msg.insertHeader("X-Top: 2\r\n");
  assert.equal(msg.insertHeaderBefore("X-Before-CSeq: 1\r\n", "cseq"), true);
  assert.equal(msg.insertHeaderBefore("X-Nope: 1\r\n", "X-Missing"), false);
  const lines = sentLines(msg);
  assert.deepEqual(lines.slice(1, 3), ["X-Top: 1", "X-Top: 2"]);
  assert.equal(lines[lines.indexOf("CSeq: 1 INVITE") - 1], "X-Before-CSeq: 1");
});

test("remove_hf, remove_hf_re, remove_hf_glob", () => {
  const msg = invite();
  assert.equal(msg.removeHeaders("VIA"), 2);
  assert.equal(msg.removeHeaders("X-None"), 0);
  assert.equal(msg.removeHeadersMatching(/^x-billing-a/i), 1);
  assert.equal(msg.removeHeadersGlob("x-billing-*"), 2, "matches the already removed field too, as in OpenSIPS");
  assert.equal(msg.removeHeadersGlob("X-Oth?r"), 1);
  assert.equal(msg.removeHeadersGlob("[CM]a*"), 2, "Call-ID and Max-Forwards");
  assert.equal(msg.removeHeadersGlob("[z-a]*"), 0, "an invalid set matches only itself");
  assert.deepEqual(sentLines(msg).slice(1), ["From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl", "To: Bob <sip:bob@biloxi.example.com>", "CSeq: 1 INVITE", "Content-Type: text/plain", "Content-Length: 5"]);
});

test("a removed Content-Length comes back when there is a body", () => {
  const msg = invite();
  msg.removeHeaders("content-length");
  assert.equal(sentLines(msg).at(-1), "Content-Length: 5");
});

test("the proxy's Via goes above the first Via; removeTopVia takes one value at a time", () => {
  const msg = invite();
  msg.addVia("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy");
  assert.equal(sentLines(msg)[1], "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy");
  assert.deepEqual(sent(msg).vias?.map((v) => v.host), ["192.0.2.1", "192.0.2.10", "10.0.0.1", "10.0.0.2"]);

  const reply = invite();
  assert.equal(reply.removeTopVia(), true);
  assert.deepEqual(sent(reply).vias?.map((v) => v.host), ["10.0.0.1", "10.0.0.2"]);
  assert.equal(reply.removeTopVia(), true);
  assert.deepEqual(sent(reply).vias?.map((v) => v.host), ["10.0.0.2"]);
  assert.equal(reply.removeTopVia(), true);
  assert.equal(sent(reply).vias?.length, 0);
  assert.equal(reply.removeTopVia(), false);
});

test("stampTopVia writes received and rport into the first Via only", () => {
  const msg = invite(INVITE.replace("z9hG4bKnashds8", "z9hG4bKnashds8;rport"));
  assert.equal(msg.stampTopVia({ ip: "203.0.113.5", port: 61000 }), true);
  assert.equal(
    sent(msg).header("via"),
    "SIP/2.0/UDP 192.0.2.10:5060;received=203.0.113.5;branch=z9hG4bKnashds8;rport=61000, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKfirst",
  );
});

test("Max-Forwards is replaced in place, or added when missing", () => {
  const msg = invite();
  assert.equal(msg.maxForwards, 70);
  msg.setMaxForwards(69);
  assert.equal(msg.maxForwards, 70, "pending until sent");
  assert.equal(sent(msg).maxForwards, 69);
  assert.equal(sentLines(msg)[3], "Max-Forwards: 69");

  const without = invite(INVITE.replace("Max-Forwards: 70\r\n", ""));
  assert.equal(without.maxForwards, null);
  without.setMaxForwards(10);
  assert.equal(sent(without).maxForwards, 10);
  assert.equal(invite(INVITE.replace("Max-Forwards: 70", "Max-Forwards: lots")).maxForwards, null);
});

test("Record-Route goes on top", () => {
  const msg = invite();
  msg.addRecordRoute("<sip:192.0.2.1;lr>");
  assert.equal(sentLines(msg)[1], "Record-Route: <sip:192.0.2.1;lr>");
});

test("replacing the body updates Content-Length and Content-Type", () => {
  const msg = invite();
  msg.setBody("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n", "application/sdp");
  assert.equal(msg.body, "Hello", "reads see the received body");
  assert.equal(msg.outgoingBody, "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
  const out = sent(msg);
  assert.equal(out.contentType, "application/sdp");
  assert.equal(out.contentLength, 31);
  assert.equal(out.body, "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");

  msg.setBody("Grüße");
  assert.equal(sent(msg).contentLength, 7, "bytes, not characters");
  assert.equal(sent(msg).contentType, "application/sdp", "kept when no new type is given");

  msg.setBody("");
  assert.equal(sent(msg).contentType, null);
  assert.equal(sent(msg).contentLength, 0);
  assert.equal(sent(msg).body, "");
});

test("a body on a message without Content-Type or Content-Length gets both", () => {
  const msg = invite("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n");
  msg.setBody("hi", "text/plain");
  assert.equal(msg.toString(), "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi");
});

test("output always carries the body's Content-Length, and keeps LF line ends it was given", () => {
  const lf = "MESSAGE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nContent-Length: 99\n\nHi there\n";
  const msg = invite(lf);
  assert.equal(msg.toString(), "MESSAGE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nContent-Length: 9\n\nHi there\n");
  msg.setRuriUser("x");
  assert.equal(msg.toString().split("\n")[0], "MESSAGE sip:x@b SIP/2.0");
  const noBlankLine = invite("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h");
  assert.equal(noBlankLine.toString(), "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n");
  assert.equal(invite("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r").toString(), "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n");
  assert.equal(invite("OPTIONS sip:a@b SIP/2.0\r").toString(), "OPTIONS sip:a@b SIP/2.0\r\n\r\n");
});

test("search() looks at the whole received message", () => {
  const msg = invite();
  assert.equal(msg.search(/^X-Billing-Plan: gold$/m), true);
  assert.equal(msg.search(/hello$/i), true);
  assert.equal(msg.search(/X-Added/), false);
  const global = /Billing/g;
  assert.equal(msg.search(global), true);
  assert.equal(msg.search(global), true, "lastIndex of a /g regex does not leak between calls");
});

test("clone() is independent in both directions", () => {
  const original = invite();
  original.appendHeader("X-Before-Clone: 1\r\n");
  const copy = original.clone();
  copy.setRuriUser("carol");
  copy.appendHeader("X-Copy: 1\r\n");
  copy.setBody("changed");
  original.removeHeaders("x-other");

  assert.equal(original.ruri, "sip:bob@biloxi.example.com");
  const fromOriginal = sent(original);
  assert.equal(fromOriginal.header("x-copy"), null);
  assert.equal(fromOriginal.header("x-before-clone"), "1");
  assert.equal(fromOriginal.header("x-other"), null);
  assert.equal(fromOriginal.body, "Hello");

  const fromCopy = sent(copy);
  assert.equal(fromCopy.ruri, "sip:carol@biloxi.example.com");
  assert.equal(fromCopy.header("x-before-clone"), "1");
  assert.equal(fromCopy.header("x-copy"), "1");
  assert.equal(fromCopy.header("x-other"), "1");
  assert.equal(fromCopy.body, "changed");
  assert.equal(copy.originalRuri, "sip:bob@biloxi.example.com");
});

test("applyChanges keeps the original R-URI and refuses a result that does not parse", () => {
  const msg = invite();
  msg.setRuriUser("carol");
  assert.equal(msg.applyChanges(), true);
  assert.equal(msg.ruri, "sip:carol@biloxi.example.com");
  assert.equal(msg.originalRuri, "sip:bob@biloxi.example.com");
  assert.equal(msg.startLine.kind === "request" && msg.startLine.uri, "sip:carol@biloxi.example.com");

  msg.appendHeader("no colon here\r\n");
  assert.equal(msg.applyChanges(), false);
  assert.equal(msg.hasPendingChanges, true);
  assert.equal(msg.header("call-id"), "3848276298220188511@atlanta.example.com");
});

test("R-URI setters refuse replies", () => {
  const reply = invite("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 1 INVITE\r\n\r\n");
  assert.equal(reply.setRuri("sip:a@b"), false);
  assert.equal(reply.setRuriUser("a"), false);
  assert.equal(reply.ruri, null);
  assert.equal(reply.originalRuri, null);
  assert.equal(reply.parsedOriginalRuri, null);
});
