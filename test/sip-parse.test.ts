import { test } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { parseSipMessage } from "../runtime/sip/parse.ts";
import type { SipMessage } from "../runtime/sip/message.ts";

function parsed(raw: string | Buffer): SipMessage {
  const result = parseSipMessage(raw);
  if (!result.ok) assert.fail(`parse failed: ${result.error}`);
  return result.msg;
}

function parseError(raw: string | Buffer): string {
  const result = parseSipMessage(raw);
  if (result.ok) assert.fail("parse should have failed");
  return result.error;
}

const SDP = "v=0\r\no=alice 2890844526 2890844526 IN IP4 pc33.atlanta.com\r\ns=-\r\nc=IN IP4 192.0.2.101\r\nt=0 0\r\nm=audio 49172 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

const INVITE = [
  "INVITE sip:bob@biloxi.com SIP/2.0",
  "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds",
  "Max-Forwards: 70",
  'To: "Bob" <sip:bob@biloxi.com>',
  'From: "Alice, of Atlanta" <sip:alice@atlanta.com>;tag=1928301774',
  "Call-ID: a84b4c76e66710@pc33.atlanta.com",
  "CSeq: 314159 INVITE",
  "Contact: <sip:alice@pc33.atlanta.com>",
  "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE",
  "User-Agent: SoftPhone/1.0",
  "Content-Type: application/sdp",
  `Content-Length: ${SDP.length}`,
  "",
  SDP,
].join("\r\n");

function request(method: string, uri: string, cseq: string): string {
  return [
    `${method} ${uri} SIP/2.0`,
    "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9",
    "Max-Forwards: 70",
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
    "To: Bob <sip:bob@biloxi.example.com>;tag=8321234356",
    "Call-ID: 3848276298220188511@atlanta.example.com",
    `CSeq: ${cseq}`,
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
}

function reply(status: string): string {
  return [
    status,
    "Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1, SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds",
    "To: Bob <sip:bob@biloxi.com>;tag=a6c85cf",
    "From: Alice <sip:alice@atlanta.com>;tag=1928301774",
    "Call-ID: a84b4c76e66710",
    "CSeq: 314159 INVITE",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
}

test("an INVITE: start line, identity headers, body", () => {
  const msg = parsed(INVITE);
  assert.equal(msg.isRequest, true);
  assert.equal(msg.method, "INVITE");
  assert.equal(msg.ruri, "sip:bob@biloxi.com");
  assert.equal(msg.originalRuri, "sip:bob@biloxi.com");
  assert.equal(msg.parsedRuri?.user, "bob");
  assert.equal(msg.statusCode, null);
  assert.equal(msg.reason, null);
  assert.equal(msg.callId, "a84b4c76e66710@pc33.atlanta.com");
  assert.deepEqual(msg.cseq, { number: "314159", method: "INVITE" });
  assert.equal(msg.from?.display, '"Alice, of Atlanta"');
  assert.equal(msg.from?.uri, "sip:alice@atlanta.com");
  assert.equal(msg.fromTag, "1928301774");
  assert.equal(msg.fromUri?.user, "alice");
  assert.equal(msg.fromUri?.host, "atlanta.com");
  assert.equal(msg.toUri?.user, "bob");
  assert.equal(msg.toTag, null);
  assert.equal(msg.maxForwards, 70);
  assert.equal(msg.userAgent, "SoftPhone/1.0");
  assert.equal(msg.contentType, "application/sdp");
  assert.equal(msg.contentLength, SDP.length);
  assert.equal(msg.body, SDP);
  assert.equal(msg.text, INVITE);
  assert.equal(msg.byteLength, INVITE.length);
  assert.equal(msg.headerFields.length, 11);
  assert.deepEqual(msg.contacts, [{ display: null, uri: "sip:alice@pc33.atlanta.com", params: [] }]);
});

test("parse then serialise gives the same text for well-formed messages", () => {
  const messages = [
    INVITE,
    [
      "REGISTER sip:registrar.biloxi.com SIP/2.0",
      "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7",
      "Max-Forwards: 70",
      "To: Bob <sip:bob@biloxi.com>",
      "From: Bob <sip:bob@biloxi.com>;tag=456248",
      "Call-ID: 843817637684230@998sdasdh09",
      "CSeq: 1826 REGISTER",
      "Contact: <sip:bob@192.0.2.4>;expires=7200, <sip:bob@192.0.2.5>;q=0.5",
      "Expires: 7200",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
    reply("SIP/2.0 486 Busy Here"),
    request("BYE", "sip:bob@192.0.2.4", "2 BYE"),
  ];
  for (const text of messages) assert.equal(parsed(text).toString(), text);
});

test("BYE, OPTIONS, ACK and CANCEL requests", () => {
  const bye = parsed(request("BYE", "sip:bob@192.0.2.4", "2 BYE"));
  assert.equal(bye.method, "BYE");
  assert.equal(bye.toTag, "8321234356");
  assert.equal(bye.cseq?.number, "2");
  assert.equal(parsed(request("OPTIONS", "sip:carol@chicago.com", "63104 OPTIONS")).method, "OPTIONS");
  assert.equal(parsed(request("ACK", "sip:bob@192.0.2.4", "1 ACK")).cseq?.method, "ACK");
  const cancel = parsed(request("CANCEL", "sip:bob@biloxi.example.com", "1 CANCEL"));
  assert.equal(cancel.method, "CANCEL");
  assert.equal(cancel.body, "");
});

test("replies: status code, reason, the method comes from CSeq", () => {
  const cases: [string, number, string][] = [
    ["SIP/2.0 100 Trying", 100, "Trying"],
    ["SIP/2.0 180 Ringing", 180, "Ringing"],
    ["SIP/2.0 200 OK", 200, "OK"],
    ["SIP/2.0 486 Busy Here", 486, "Busy Here"],
    ["SIP/2.0 603", 603, ""],
  ];
  for (const [status, code, reason] of cases) {
    const msg = parsed(reply(status));
    assert.equal(msg.isRequest, false);
    assert.equal(msg.statusCode, code);
    assert.equal(msg.reason, reason);
    assert.equal(msg.method, "INVITE");
    assert.equal(msg.ruri, null);
    assert.equal(msg.parsedRuri, null);
    assert.equal(msg.vias?.length, 2);
    assert.equal(msg.topVia?.host, "server10.biloxi.com");
  }
});

test("compact header names map to full names, any case", () => {
  const msg = parsed(
    [
      "MESSAGE sip:user2@domain.com SIP/2.0",
      "v: SIP/2.0/UDP user1pc.domain.com;branch=z9hG4bK776sgdkse",
      "f: sip:user1@domain.com;tag=49583",
      "t: sip:user2@domain.com",
      "i: asd88asd77a@1.2.3.4",
      "CSeq: 1 MESSAGE",
      "m: <sip:user1@user1pc.domain.com>",
      "c: text/plain",
      "k: 100rel",
      "s: hi",
      "l: 5",
      "",
      "Hello",
    ].join("\r\n"),
  );
  assert.equal(msg.header("Via"), "SIP/2.0/UDP user1pc.domain.com;branch=z9hG4bK776sgdkse");
  assert.equal(msg.header("v"), msg.header("VIA"));
  assert.equal(msg.fromTag, "49583");
  assert.equal(msg.fromUri?.user, "user1");
  assert.equal(msg.toUri?.user, "user2");
  assert.equal(msg.callId, "asd88asd77a@1.2.3.4");
  assert.equal(msg.header("contact"), "<sip:user1@user1pc.domain.com>");
  assert.equal(msg.contentType, "text/plain");
  assert.equal(msg.header("Supported"), "100rel");
  assert.equal(msg.header("SUBJECT"), "hi");
  assert.equal(msg.contentLength, 5);
  assert.equal(msg.body, "Hello");
  assert.equal(msg.headerFields[0]!.name, "v");
  assert.equal(msg.headerFields[0]!.key, "via");
});

test("bare LF line ends and folded continuation lines", () => {
  const msg = parsed(
    [
      "OPTIONS sip:carol@chicago.com SIP/2.0",
      "Via: SIP/2.0/UDP pc33.atlanta.com",
      "\t;branch=z9hG4bKhjhs8ass877",
      "Subject: I know you're there,",
      "   pick up the phone",
      "   and talk to me!",
      "To: <sip:carol@chicago.com>",
      "From: Alice <sip:alice@atlanta.com>;tag=1928301774",
      "Call-ID: a84b4c76e66710",
      "CSeq: 63104 OPTIONS",
      "",
      "",
    ].join("\n"),
  );
  assert.equal(msg.header("subject"), "I know you're there,\n   pick up the phone\n   and talk to me!");
  assert.equal(msg.topVia?.host, "pc33.atlanta.com");
  assert.equal(msg.topVia?.params[0]?.value, "z9hG4bKhjhs8ass877");
  assert.equal(msg.headerCount("subject"), 1);
  assert.equal(msg.headerFields.length, 6);
  assert.equal(msg.toString(), msg.text, "bare LF is kept when nothing changed");
});

test("header(name, index): 0 first, -1 last, out of range null; counts and lists", () => {
  const msg = parsed(
    [
      "INVITE sip:bob@biloxi.com SIP/2.0",
      "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1, SIP/2.0/UDP p2.example.com;branch=z9hG4bK2",
      "Route: <sip:p1.example.com;lr>",
      "Via: SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bK3;rport",
      "X-Custom: one",
      "x-custom: two",
      "Route: <sip:p2.example.com;lr>",
      'Contact: "Mr, Watson" <sip:watson@worcester.bell-telephone.com>;q=0.7, <sip:watson@bell.com;a=b,c>',
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
  );
  assert.equal(msg.header("x-custom"), "one");
  assert.equal(msg.header("X-CUSTOM", 1), "two");
  assert.equal(msg.header("x-custom", -1), "two");
  assert.equal(msg.header("x-custom", -2), "one");
  assert.equal(msg.header("x-custom", 2), null);
  assert.equal(msg.header("x-custom", -3), null);
  assert.equal(msg.header("x-missing"), null);
  assert.equal(msg.hasHeader("Route"), true);
  assert.equal(msg.hasHeader("Record-Route"), false);
  assert.equal(msg.headerCount("via"), 2);
  assert.equal(msg.headerCount("nothing"), 0);
  assert.deepEqual(msg.allHeaderValues("route"), ["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"]);
  assert.deepEqual(msg.headerListValues("via"), [
    "SIP/2.0/UDP p1.example.com;branch=z9hG4bK1",
    "SIP/2.0/UDP p2.example.com;branch=z9hG4bK2",
    "SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bK3;rport",
  ]);
  assert.deepEqual(
    msg.vias?.map((v) => [v.host, v.port]),
    [
      ["p1.example.com", null],
      ["p2.example.com", null],
      ["[2001:db8::9]", 5070],
    ],
  );
  const contacts = msg.contacts;
  assert.ok(Array.isArray(contacts));
  assert.deepEqual(
    contacts.map((c) => [c.display, c.uri]),
    [
      ['"Mr, Watson"', "sip:watson@worcester.bell-telephone.com"],
      [null, "sip:watson@bell.com;a=b,c"],
    ],
  );
});

test("a star Contact and a malformed one", () => {
  const base = ["REGISTER sip:example.com SIP/2.0", "Via: SIP/2.0/UDP h;branch=z9hG4bK1", "Expires: 0"];
  assert.equal(parsed([...base, "Contact: *", "", ""].join("\r\n")).contacts, "*");
  assert.equal(parsed([...base, "Contact: <sip:a@b", "", ""].join("\r\n")).contacts, null);
  assert.deepEqual(parsed([...base, "", ""].join("\r\n")).contacts, []);
  assert.equal(parsed([...base, "Via: garbage", "", ""].join("\r\n")).vias, null);
});

test("Content-Length: honoured, missing, wrong, bytes not characters", () => {
  const head = "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n";
  assert.equal(parsed(`${head}Content-Length: 5\r\n\r\nHello, world`).body, "Hello");
  assert.equal(parsed(`${head}Content-Length: 5\r\n\r\nHello, world`).text, `${head}Content-Length: 5\r\n\r\nHello`);
  assert.equal(parsed(`${head}\r\nHello, world`).body, "Hello, world");
  assert.equal(parsed(`${head}Content-Length: 500\r\n\r\nHello`).body, "Hello");
  assert.equal(parsed(`${head}Content-Length: five\r\n\r\nHello`).body, "Hello");
  assert.equal(parsed(`${head}Content-Length: five\r\n\r\nHello`).contentLength, null);
  assert.equal(parsed(`${head}Content-Length: 6\r\n\r\nJörg!!`).body, "Jörg!");
  assert.equal(parsed(`${head}Content-Length: 6\r\n\r\nJörg!`).byteLength, head.length + 27);
  assert.equal(parsed(`${head}`).body, "");
  assert.equal(parsed("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h").header("via"), "SIP/2.0/UDP h");
});

test("Buffer input is read as UTF-8", () => {
  const text = `MESSAGE sip:a@b SIP/2.0\r\nFrom: "Zoë" <sip:z@b>;tag=1\r\nContent-Length: 7\r\n\r\nGrüße!`;
  const msg = parsed(Buffer.from(text, "utf8"));
  assert.equal(msg.from?.display, '"Zoë"');
  assert.equal(msg.body, "Grüße");
  assert.equal(msg.toBuffer().length, Buffer.byteLength(text) - 1);
});

test("leading blank lines before the start line are ignored", () => {
  assert.equal(parsed("\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\n\r\n").method, "OPTIONS");
});

test("malformed input gives an error, never an exception", () => {
  assert.equal(parseError(""), "empty message");
  assert.equal(parseError("\r\n\r\n"), "empty message");
  assert.match(parseError("Via: SIP/2.0/UDP h\r\n\r\n"), /bad request line/);
  assert.match(parseError("INVITE sip:a@b\r\n\r\n"), /bad request line/);
  assert.match(parseError("INVITE sip:a@b HTTP/1.1\r\n\r\n"), /bad request line/);
  assert.match(parseError("SIP/2.0 099 Too Small\r\n\r\n"), /bad status code 99 /);
  assert.match(parseError("SIP/2.0 99 Short\r\n\r\n"), /bad status line/);
  assert.match(parseError("SIP/2.0 700 Too Big\r\n\r\n"), /bad status code 700/);
  assert.match(parseError("SIP/2.0 2000 OK\r\n\r\n"), /bad status line/);
  assert.match(parseError("SIP/2.0 OK\r\n\r\n"), /bad status line/);
  assert.match(parseError("OPTIONS sip:a@b SIP/2.0\r\nVia SIP/2.0/UDP h\r\n\r\n"), /line 2: header line without ':'/);
  assert.match(parseError("OPTIONS sip:a@b SIP/2.0\r\n folded\r\n\r\n"), /line 2: continuation line/);
  assert.match(parseError("OPTIONS sip:a@b SIP/2.0\r\nTo: x\r\nBad Name: v\r\n\r\n"), /line 3: invalid header name "Bad Name"/);
  assert.match(parseError("OPTIONS sip:a@b SIP/2.0\r\n: empty\r\n\r\n"), /invalid header name ""/);
  assert.match(parseError(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x41, 0x3a])), /bad request line/);
});
