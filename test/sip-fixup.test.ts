import { test } from "node:test";
import assert from "node:assert/strict";
import { fixSipText } from "../runtime/sip/fixup.ts";
import { parseSipMessage } from "../runtime/sip/parse.ts";

test("a hand-written INVITE: LF becomes CRLF, Content-Length is counted, trailing blank lines go", () => {
  const handWritten = [
    "",
    "INVITE sip:bob@example.com SIP/2.0",
    "Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1",
    "From: <sip:alice@example.com>;tag=1",
    "To: <sip:bob@example.com>",
    "Call-ID: c1",
    "CSeq: 1 INVITE",
    "Content-Type: application/sdp",
    "Content-Length: 999",
    "",
    "v=0",
    "s=Grüße",
    "",
    "",
    "",
  ].join("\n");
  const fixed = fixSipText(handWritten);
  assert.equal(
    fixed,
    "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1\r\nFrom: <sip:alice@example.com>;tag=1\r\n" +
      "To: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 16\r\n\r\nv=0\r\ns=Grüße\r\n",
  );
  const parsed = parseSipMessage(fixed);
  assert.ok(parsed.ok);
  assert.equal(parsed.msg.body, "v=0\r\ns=Grüße\r\n");
  assert.equal(parsed.msg.toString(), fixed, "the fixed text is what the message serialises to");
  assert.equal(fixSipText(fixed), fixed, "fixing twice changes nothing");
});

test("missing blank line, compact l:, missing Content-Length", () => {
  assert.equal(fixSipText("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h"), "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n");
  assert.equal(fixSipText("OPTIONS sip:a@b SIP/2.0\nl: 7\n\n\n\n"), "OPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n\r\n");
  assert.equal(fixSipText("MESSAGE sip:a@b SIP/2.0\n\nhello"), "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5\r\n\r\nhello");
  assert.equal(fixSipText("MESSAGE sip:a@b SIP/2.0\r\nX-Length: 1\r\n\r\n"), "MESSAGE sip:a@b SIP/2.0\r\nX-Length: 1\r\n\r\n");
});

test("text that is not a SIP message passes through without an exception", () => {
  assert.equal(parseSipMessage(fixSipText("")).ok, false);
  assert.equal(fixSipText("garbage\n"), "garbage\r\n\r\n");
  assert.equal(parseSipMessage(fixSipText("garbage\n")).ok, false);
});
