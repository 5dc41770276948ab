/**
 * Micro-benchmark of the SIP message model: a typical INVITE (15 headers + SDP) parsed and
 * serialised N times, as-is and with the edits a stateless proxy makes on relay. Prints
 * messages/s, the median of 5 runs.  Run: node --import tsx bench/sip-parse.ts [N]
 */
import { parseSipMessage } from "../runtime/sip/parse.ts";

const SDP = [
  "v=0",
  "o=alice 2890844526 2890844526 IN IP4 192.0.2.10",
  "s=-",
  "c=IN IP4 192.0.2.10",
  "t=0 0",
  "m=audio 49170 RTP/AVP 0 8 101",
  "a=rtpmap:0 PCMU/8000",
  "a=rtpmap:8 PCMA/8000",
  "a=rtpmap:101 telephone-event/8000",
  "a=sendrecv",
  "",
].join("\r\n");

const INVITE = [
  "INVITE sip:bob@biloxi.example.com SIP/2.0",
  "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport",
  "Max-Forwards: 70",
  'From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl',
  "To: Bob <sip:bob@biloxi.example.com>",
  "Call-ID: 3848276298220188511@atlanta.example.com",
  "CSeq: 31862 INVITE",
  "Contact: <sip:alice@192.0.2.10:5060;transport=udp>",
  "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, REFER, NOTIFY",
  "Supported: replaces, timer",
  "User-Agent: ExamplePhone/1.2.3",
  "Session-Expires: 1800",
  "P-Asserted-Identity: <sip:+15551234567@atlanta.example.com>",
  "Content-Type: application/sdp",
  `Content-Length: ${SDP.length}`,
  "",
  SDP,
].join("\r\n");

function unchanged(): void {
  const parsed = parseSipMessage(INVITE);
  if (!parsed.ok || parsed.msg.toString().length !== INVITE.length) throw new Error("bench: bad round trip");
}

/** What a stateless proxy does per request: read a few PVs, add its Via, change the R-URI, send. */
function relayed(): void {
  const parsed = parseSipMessage(INVITE);
  if (!parsed.ok) throw new Error("bench: parse failed");
  const msg = parsed.msg;
  if (msg.method !== "INVITE" || msg.fromUri?.user !== "alice" || msg.callId === null || msg.maxForwards !== 70) {
    throw new Error("bench: wrong values");
  }
  msg.setMaxForwards(69);
  msg.setRuriHost("192.0.2.20");
  msg.addVia("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy1");
  if (msg.toString().length <= INVITE.length) throw new Error("bench: relay lost text");
}

function messagesPerSecond(work: () => void, n: number): number {
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    runs.push(n / seconds);
  }
  runs.sort((a, b) => a - b);
  return runs[2]!;
}

const n = Number(process.argv[2] ?? 100_000);
messagesPerSecond(relayed, Math.min(n, 20_000)); // warm-up
for (const [name, work] of [["parse + serialise", unchanged], ["parse + relay edits + serialise", relayed]] as const) {
  console.log(`${name}: ${Math.round(messagesPerSecond(work, n)).toLocaleString("en-US")} messages/s (median of 5 x ${n})`);
}
