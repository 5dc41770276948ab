/**
 * `opensips-ts serve fixtures/serve/proxy.cfg` as a real process on 127.0.0.1, driven with
 * datagrams: OPTIONS answered by the script, 404 for an unknown user, and a whole call relayed to
 * a UAS (100 from the proxy, 180/200 passed back, ACK and BYE relayed); then by SIPp: 20 calls
 * (INVITE 100 180 200 ACK BYE 200) from a SIPp UAC through the proxy to a SIPp UAS must all
 * succeed (skipped when sipp is not installed). Finally SIGTERM stops it cleanly; its stderr
 * holds the script's xlog lines and a summary per message.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SipMessage } from "../runtime/sip/message.ts";
import { SipPeer, sipReply, sipRequest } from "./support/serve-peer.ts";
import { startServe, type ServeProcess } from "./support/serve-process.ts";
import { findSipp, sippCalls } from "./support/serve-sipp.ts";

const SIPP_CALLS = 20;
const SIPP_RATE = 10;
const sipp = findSipp();

let serve: ServeProcess;
let phone: SipPeer;
let uas: SipPeer;

before(async () => {
  serve = await startServe(["fixtures/serve/proxy.cfg"]);
  phone = await SipPeer.open();
  uas = await SipPeer.open();
});

after(async () => {
  await serve.stop();
  await phone.close();
  await uas.close();
});

const status = (code: number) => (m: SipMessage) => m.statusCode === code;
const method = (name: string) => (m: SipMessage) => m.method === name && m.isRequest;

test("OPTIONS to the proxy is answered 200 by the script", async () => {
  phone.send(sipRequest("OPTIONS", { ruri: "sip:127.0.0.1", port: phone.port, branch: "z9hG4bK-cli-options", callId: "cli-options" }), serve.port);
  const reply = await phone.next(status(200));
  assert.equal(reply.msg.callId, "cli-options");
});

test("an INVITE for user nobody gets 404 Not Found", async () => {
  const invite = { ruri: "sip:nobody@127.0.0.1", port: phone.port, branch: "z9hG4bK-cli-404", callId: "cli-404" };
  phone.send(sipRequest("INVITE", invite), serve.port);
  const reply = await phone.next(status(404));
  assert.equal(reply.msg.reason, "Not Found");
  phone.send(sipRequest("ACK", { ...invite, toTag: reply.msg.toTag ?? "" }), serve.port);
});

test("a call is relayed to the UAS and its replies come back through the proxy", async () => {
  const call = { ruri: `sip:bob@127.0.0.1:${uas.port}`, port: phone.port, callId: "cli-call" };
  phone.send(sipRequest("INVITE", { ...call, branch: "z9hG4bK-cli-invite" }), serve.port);
  assert.equal((await phone.next(status(100))).msg.reason, "Giving it a try");

  const invite = await uas.next(method("INVITE"));
  assert.equal(invite.msg.allHeaderValues("via").length, 2, "the proxy's Via is on top of the phone's");
  uas.send(sipReply(invite.msg, 180, "Ringing"), serve.port);
  const ringing = await phone.next(status(180));
  assert.deepEqual(ringing.msg.allHeaderValues("via"), [`SIP/2.0/UDP 127.0.0.1:${phone.port};branch=z9hG4bK-cli-invite`]);
  uas.send(sipReply(invite.msg, 200, "OK"), serve.port);
  const ok = await phone.next(status(200));
  assert.equal(ok.msg.cseq?.method, "INVITE");

  phone.send(sipRequest("ACK", { ...call, branch: "z9hG4bK-cli-ack", toTag: ok.msg.toTag ?? "" }), serve.port);
  await uas.next(method("ACK"));
  phone.send(sipRequest("BYE", { ...call, branch: "z9hG4bK-cli-bye", cseq: 2, toTag: ok.msg.toTag ?? "" }), serve.port);
  const bye = await uas.next(method("BYE"));
  uas.send(sipReply(bye.msg, 200, "OK"), serve.port);
  const byeOk = await phone.next((m) => m.statusCode === 200 && m.cseq?.method === "BYE");
  assert.equal(byeOk.msg.callId, "cli-call");
});

test(
  `SIPp: ${SIPP_CALLS} calls through serve all succeed`,
  { skip: sipp === null ? "sipp is not installed (apt-get install sip-tester): SIPp test skipped" : false, timeout: 120_000 },
  async () => {
    const { uac, uas } = await sippCalls(sipp!, serve.port, SIPP_CALLS, SIPP_RATE);
    const report = `UAC:\n${uac.output}\nUAS:\n${uas.output}\nserve:\n${serve.stderr()}`;
    assert.equal(uac.code, 0, report);
    assert.equal(uas.code, 0, report);
    assert.equal(uac.successfulCalls, SIPP_CALLS, report);
    assert.equal(uas.successfulCalls, SIPP_CALLS, report);
  },
);

test("stderr has the xlog lines and one summary per message; SIGTERM stops serve with code 0", async () => {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const lines = serve.stderr().split("\n");
  assert.ok(lines.some((l) => l.endsWith(`INFO: OPTIONS sip:127.0.0.1 from 127.0.0.1:${phone.port}`)), serve.stderr());
  assert.ok(
    lines.some((l) => l.includes(`INVITE sip:nobody@127.0.0.1 from 127.0.0.1:${phone.port} | sent 404 Not Found to 127.0.0.1:${phone.port}`)),
    serve.stderr(),
  );
  assert.ok(lines.some((l) => l.includes(`| relayed INVITE sip:bob@127.0.0.1:${uas.port} to 127.0.0.1:${uas.port}`)), serve.stderr());
  assert.equal(await serve.stop(), 0);
  assert.match(serve.stderr(), /udp INFO: shutting down\n/);
});
