import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSipMessage } from "../runtime/sip/parse.ts";
import { buildReply, localToTag } from "../runtime/sip/reply.ts";
import type { SipMessage } from "../runtime/sip/message.ts";

const REQUEST = [
  "INVITE sip:bob@biloxi.com SIP/2.0",
  "Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1, SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1",
  "Record-Route: <sip:server10.biloxi.com;lr>",
  "v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds;rport",
  "Record-Route: <sip:bigbox3.site3.atlanta.com;lr>",
  "Max-Forwards: 68",
  "To: Bob <sip:bob@biloxi.com>",
  "From: Alice <sip:alice@atlanta.com>;tag=1928301774",
  "Call-ID: a84b4c76e66710@pc33.atlanta.com",
  "CSeq: 314159 INVITE",
  "Contact: <sip:alice@pc33.atlanta.com>",
  "Content-Type: application/sdp",
  "Content-Length: 4",
  "",
  "v=0\n",
].join("\r\n");

function parse(text: string): SipMessage {
  const result = parseSipMessage(text);
  if (!result.ok) assert.fail(result.error);
  return result.msg;
}

const request = parse(REQUEST);

test("a 486: status line, copied Vias in order, From/To/Call-ID/CSeq, To-tag, Content-Length 0", () => {
  const text = buildReply(request, 486, "Busy Here", { toTag: "a6c85cf" });
  assert.equal(
    text,
    [
      "SIP/2.0 486 Busy Here",
      "Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1, SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1",
      "v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds;rport",
      "To: Bob <sip:bob@biloxi.com>;tag=a6c85cf",
      "From: Alice <sip:alice@atlanta.com>;tag=1928301774",
      "Call-ID: a84b4c76e66710@pc33.atlanta.com",
      "CSeq: 314159 INVITE",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
  );
  const reply = parse(text);
  assert.equal(reply.statusCode, 486);
  assert.equal(reply.reason, "Busy Here");
  assert.equal(reply.method, "INVITE");
  assert.equal(reply.toTag, "a6c85cf");
  assert.equal(reply.vias?.length, 3);
});

test("no To-tag on 100 Trying; Record-Route only on 180-299", () => {
  const trying = parse(buildReply(request, 100, "Trying"));
  assert.equal(trying.toTag, null);
  assert.equal(trying.headerCount("record-route"), 0);

  const ringing = parse(buildReply(request, 180, "Ringing"));
  assert.notEqual(ringing.toTag, null);
  assert.deepEqual(ringing.allHeaderValues("record-route"), ["<sip:server10.biloxi.com;lr>", "<sip:bigbox3.site3.atlanta.com;lr>"]);

  const ok = parse(buildReply(request, 200, "OK"));
  assert.equal(ok.headerCount("record-route"), 2);
  assert.equal(ok.toTag, ringing.toTag, "every reply to one request gets the same tag");
  assert.equal(ok.toTag, localToTag(request));
  assert.equal(parse(buildReply(request, 302, "Moved")).headerCount("record-route"), 0);
});

test("an existing To-tag is kept", () => {
  const inDialog = parse(REQUEST.replace("To: Bob <sip:bob@biloxi.com>", "To: Bob <sip:bob@biloxi.com>;tag=xyz"));
  assert.equal(parse(buildReply(inDialog, 200, "OK", { toTag: "other" })).header("to"), "Bob <sip:bob@biloxi.com>;tag=xyz");
});

test("the To-tag depends on the request", () => {
  const other = parse(REQUEST.replace("CSeq: 314159 INVITE", "CSeq: 314160 INVITE"));
  assert.notEqual(localToTag(other), localToTag(request));
  assert.match(localToTag(request), /^[0-9a-f]{32}-[0-9a-f]{4}$/, "OpenSIPS sl form: fixed prefix, CRC suffix");
});

test("extra headers, Server, body with its Content-Length", () => {
  const text = buildReply(request, 200, "OK", {
    headers: "Contact: <sip:bob@192.0.2.4>\r\nContent-Type: text/plain\r\n",
    server: "OpenSIPS (3.6.0 (x86_64/linux))",
    body: "Grüße",
  });
  const reply = parse(text);
  assert.equal(reply.header("contact"), "<sip:bob@192.0.2.4>");
  assert.equal(reply.header("server"), "OpenSIPS (3.6.0 (x86_64/linux))");
  assert.equal(reply.contentLength, 7);
  assert.equal(reply.body, "Grüße");
  assert.deepEqual(
    reply.headerFields.slice(-4).map((f) => f.name),
    ["Contact", "Content-Type", "Server", "Content-Length"],
  );
});

test("the source address is stamped into the top Via", () => {
  const reply = parse(buildReply(request, 404, "Not Found", { source: { ip: "192.0.2.99", port: 5062 } }));
  assert.equal(reply.topVia?.params.find((p) => p.name === "received")?.value, "192.0.2.99");
  assert.equal(reply.vias?.[1]?.params.length, 1, "only the first Via changes");
});

test("line breaks in the reason phrase cannot inject headers", () => {
  const reply = parse(buildReply(request, 403, "Forbidden\r\nX-Injected: 1"));
  assert.equal(reply.reason, "Forbidden X-Injected: 1");
  assert.equal(reply.header("x-injected"), null);
});

test("a request missing headers still gets a reply", () => {
  const bare = parse("OPTIONS sip:a@b SIP/2.0\r\n\r\n");
  assert.equal(buildReply(bare, 200, "OK"), "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
});
