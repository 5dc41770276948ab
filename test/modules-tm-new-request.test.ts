/** tm: t_new_request — the request it builds, local_route, its replies. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { replyTo, request, startScript, type ScriptRun } from "./support/module-scripts.ts";

const SCRIPT = `
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "sipmsgops.so"
route {
	if ($hdr(X-Body) != NULL) t_new_request("$hdr(X-Method)", "$hdr(X-Ruri)", "$hdr(X-From)", "$hdr(X-To)", "$hdr(X-Body)", "$hdr(X-Ctx)");
	else t_new_request("$hdr(X-Method)", "$hdr(X-Ruri)", "$hdr(X-From)", "$hdr(X-To)");
	xlog("t_new_request: $rc\\n");
	sl_send_reply(200, "OK");
}
`;

const LOCAL_ROUTE = `
local_route {
	xlog("local_route: $rm $ru ctx=$avp(uac_ctx)\\n");
	if ($avp(uac_ctx) == "via-proxy") $du = "sip:10.0.0.99:5080";
	append_hf("X-Local: $avp(uac_ctx)\\r\\n");
}
`;

interface Fields {
  readonly method?: string;
  readonly ruri?: string;
  readonly from?: string;
  readonly to?: string;
  readonly body?: string;
  readonly ctx?: string;
}

async function newRequest(run: ScriptRun, fields: Fields): Promise<void> {
  const headers =
    `X-Method: ${fields.method ?? "MESSAGE"}\r\nX-Ruri: ${fields.ruri ?? "sip:bob@10.0.0.9:5070"}\r\n` +
    `X-From: ${fields.from ?? "sip:proxy@example.com"}\r\nX-To: ${fields.to ?? "sip:bob@example.com"}\r\n` +
    (fields.body === undefined ? "" : `X-Body: ${fields.body}\r\nX-Ctx: ${fields.ctx ?? ""}\r\n`);
  await run.send(request("MESSAGE", { headers, branch: `z9hG4bK-nr-${Math.random()}` }));
}

test("the request: Via of the socket, To, From with a display name and a new tag, CSeq 10, a new Call-ID, the typed body", async () => {
  const run = await startScript(SCRIPT);
  await newRequest(run, { from: "Proxy sip:proxy@example.com", body: "text/plain hello there" });
  assert.deepEqual(run.logs(), ["t_new_request: 1"]);
  const [sent] = run.env.requests;
  assert.equal(sent?.dst, "sip:bob@10.0.0.9:5070");
  const lines = sent!.text.split("\r\n");
  assert.equal(lines[0], "MESSAGE sip:bob@10.0.0.9:5070 SIP/2.0");
  assert.match(lines[1]!, /^Via: SIP\/2\.0\/UDP 127\.0\.0\.1:5060;branch=z9hG4bK[0-9a-f]{16}\.0$/);
  assert.equal(lines[2], "To: sip:bob@example.com");
  assert.match(lines[3]!, /^From: Proxy<sip:proxy@example\.com>;tag=[0-9a-f]{32}$/);
  assert.equal(lines[4], "CSeq: 10 MESSAGE");
  assert.match(lines[5]!, /^Call-ID: [0-9a-f]{16}-4000@127\.0\.0\.1$/);
  assert.deepEqual(lines.slice(6), ["Content-Length: 11", "Content-Type: text/plain", "", "hello there"]);

  await newRequest(run, { method: "OPTIONS", ruri: "sip:sip.zadarma.com" });
  const options = run.env.requests[1]!;
  assert.equal(options.dst, "sip:sip.zadarma.com");
  assert.notEqual(/Call-ID: (.*)/.exec(options.text)![1], /Call-ID: (.*)/.exec(sent!.text)![1], "every request has its own Call-ID");
  assert.match(options.text, /\r\nContent-Length: 0\r\n\r\n$/);
});

test("local_route runs on the request: it sees $avp(uac_ctx), may add headers and set $du", async () => {
  const run = await startScript(SCRIPT + LOCAL_ROUTE);
  await newRequest(run, { body: "text/plain hi", ctx: "via-proxy" });
  assert.deepEqual(run.logs(), ["local_route: MESSAGE sip:bob@10.0.0.9:5070 ctx=via-proxy", "t_new_request: 1"]);
  const [sent] = run.env.requests;
  assert.equal(sent?.dst, "sip:10.0.0.99:5080");
  assert.match(sent!.text, /\r\nX-Local: via-proxy\r\n/);
});

test("bad input: a body without its content type, an unusable Request-URI", async () => {
  const run = await startScript(SCRIPT);
  await newRequest(run, { body: "no-content-type" });
  await newRequest(run, { ruri: "not a uri" });
  await newRequest(run, { ruri: "tel:+442055501" });
  assert.deepEqual(run.logs(), ["t_new_request: -1", "t_new_request: -1", "t_new_request: -1"]);
  const errors = run.env.events.flatMap((e) => (e.event === "log" && e.level === "ERROR" ? [e.text] : []));
  assert.deepEqual(errors, [
    "ERROR:tm:w_t_new_request: Content Type not found in the beginning of body <no-content-type>",
    'ERROR:tm:t_uac: failed to build the request: bad request line: "MESSAGE not a uri SIP/2.0"',
    "ERROR:tm:t_uac: failed to send the request out: bad destination <tel:+442055501>",
  ]);
  assert.equal(run.env.requests.length, 0);
});

test("replies are absorbed; an INVITE's negative final reply is acknowledged to where the INVITE went", async () => {
  const run = await startScript(SCRIPT);
  await newRequest(run, { method: "INVITE" });
  const invite = run.env.requests[0]!;
  const repliesBefore = run.env.replies.length;
  await run.send(replyTo(invite.text, 180, "Ringing"));
  await run.send(replyTo(invite.text, 486, "Busy Here"));
  await run.send(replyTo(invite.text, 486, "Busy Here"));
  assert.equal(run.env.replies.length, repliesBefore, "nothing goes upstream");
  const acks = run.env.requests.filter((r) => r.text.startsWith("ACK "));
  assert.equal(acks.length, 1, "one ACK: the transaction is over after its final reply");
  assert.equal(acks[0]!.dst, invite.dst);
  assert.match(acks[0]!.text, /^ACK sip:bob@10\.0\.0\.9:5070 SIP\/2\.0\r\n/);
  assert.match(acks[0]!.text, /\r\nCSeq: 10 ACK\r\n/);

  await newRequest(run, { method: "INVITE", ruri: "sip:carol@10.0.0.8" });
  const second = run.env.requests.at(-1)!;
  await run.send(replyTo(second.text, 200, "OK"));
  assert.equal(run.env.requests.at(-1), second, "a 2xx is the dialog's to acknowledge, not tm's");
});
