/**
 * The UDP environment with real datagrams on 127.0.0.1: replies routed by the top Via, requests
 * relayed to their next hop, retransmissions (timers E/F, A and G) started and stopped, bad
 * datagrams dropped, a per-message summary, and a graceful close that lets a suspended
 * transaction finish. The script is written by hand in the emitted shape, so these tests
 * exercise the environment alone; serve-cli.test.ts runs a compiled script, with SIPp too.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as rt from "../runtime/index.ts";
import { serveUdp, type UdpServer } from "../runtime/env/udp.ts";
import type { MessageSummary, ServeLogEntry } from "../runtime/env/udp-log.ts";
import { SipPeer, sipReply, sipRequest } from "./support/serve-peer.ts";
import { scriptOf } from "./support/runtime-harness.ts";

/** T1 = 40 ms and T2 = 160 ms make retransmissions quick; fr_timeout = 1 s ends them. */
const TIMER_PARAMS: rt.ScriptModParam[] = [
  { module: "tm", param: "T1_timer", value: 40 },
  { module: "tm", param: "T2_timer", value: 160 },
  { module: "tm", param: "fr_timeout", value: 1 },
];

/** `later()`: an async function whose I/O takes 150 ms. */
const laterModule: rt.ModuleImpl = {
  name: "later",
  functions: new Map<string, rt.FunctionImpl>([
    ["later", { call: () => 1, start: () => new Promise<number>((resolve) => setTimeout(() => resolve(7), 150)) }],
  ]),
};
const forward = rt.fn("forward", "serve.cfg:9");
const later = rt.fn("later", "serve.cfg:12");

function* afterLater(ctx: rt.Ctx): rt.RouteGen {
  ctx.sendReply(200, `Resumed with ${ctx.rc}`);
  return 1;
}

/** OPTIONS → 200; user "nobody" → 404; user "later" suspends, then 200; ACK ends; anything else is forwarded. */
function* main(ctx: rt.Ctx): rt.RouteGen {
  const method = ctx.msg.method;
  const user = ctx.msg.parsedRuri?.user;
  if (method === "ACK") return rt.exit(ctx);
  if (method === "OPTIONS") ctx.sendReply(200, "OK");
  else if (user === "nobody") ctx.sendReply(404, "Not Found");
  else if (user === "later") {
    yield rt.suspend(ctx, later, [], afterLater);
    return rt.exit(ctx);
  } else rt.action(ctx, forward(ctx, []));
  return 1;
}

const script: rt.Script = { ...scriptOf({ request: { "": main } }, { modules: ["later"] }), modparams: TIMER_PARAMS };

let server: UdpServer;
let phone: SipPeer;
let downstream: SipPeer;
const entries: ServeLogEntry[] = [];
let calls = 0;

before(async () => {
  const started = await serveUdp({ script, listen: "127.0.0.1:0", sink: (e) => entries.push(e), engine: { modules: [laterModule] } });
  assert.ok(started.ok, started.ok ? "" : started.error);
  server = started.server;
  phone = await SipPeer.open();
  downstream = await SipPeer.open();
});

after(async () => {
  await server.close(1000);
  await phone.close();
  await downstream.close();
});

/** A fresh Call-ID and branch for each exchange. */
function ids(): { callId: string; branch: string } {
  calls++;
  return { callId: `call-${calls}@serve-test`, branch: `z9hG4bK-serve-${calls}` };
}

const isReply = (code: number) => (m: { statusCode: number | null }) => m.statusCode === code;

test("a reply goes back to the source port when the Via asks for rport, with received and rport filled in", async () => {
  const { callId, branch } = ids();
  phone.send(sipRequest("OPTIONS", { ruri: "sip:127.0.0.1", port: 9, branch, callId, viaParams: ";rport" }), server.address.port);
  const reply = await phone.next(isReply(200));
  assert.equal(reply.msg.callId, callId);
  assert.equal(reply.msg.header("via"), `SIP/2.0/UDP 127.0.0.1:9;received=127.0.0.1;branch=${branch};rport=${phone.port}`);
});

test("the listen port chosen by the system is the one the engine sees as its socket", () => {
  assert.notEqual(server.address.port, 0);
  assert.deepEqual(server.engine.core.script.sockets[0], {
    proto: "udp",
    host: "127.0.0.1",
    port: server.address.port,
    text: `udp:127.0.0.1:${server.address.port}`,
  });
});

test("a 404 to an INVITE is retransmitted (timer G) until the ACK arrives", async () => {
  const { callId, branch } = ids();
  const invite = { ruri: "sip:nobody@127.0.0.1", port: phone.port, branch, callId };
  phone.send(sipRequest("INVITE", invite), server.address.port);
  const first = await phone.next(isReply(404));
  const again = await phone.next(isReply(404), 500);
  assert.equal(again.text, first.text);
  phone.send(sipRequest("ACK", { ...invite, toTag: first.msg.toTag ?? undefined }), server.address.port);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(await phone.countWithin(300, isReply(404)), 0, "retransmissions go on after the ACK");
});

test("a relayed request carries the proxy's Via above the stamped received one and is retransmitted until the final reply; the UAS sees T1 doubling", async () => {
  const { callId, branch } = ids();
  const ruri = `sip:bob@127.0.0.1:${downstream.port}`;
  phone.send(sipRequest("MESSAGE", { ruri, port: 9, branch, callId, viaParams: ";rport" }), server.address.port);
  const isOurs = (m: { callId: string | null; method: string | null }) => m.callId === callId && m.method === "MESSAGE";
  const relayed = await downstream.next(isOurs);
  const vias = relayed.msg.allHeaderValues("via");
  assert.match(vias[0]!, new RegExp(`^SIP/2\\.0/UDP 127\\.0\\.0\\.1:${server.address.port};branch=z9hG4bK`));
  assert.equal(vias[1], `SIP/2.0/UDP 127.0.0.1:9;received=127.0.0.1;branch=${branch};rport=${phone.port}`);
  const start = Date.now();
  await downstream.next(isOurs, 500);
  await downstream.next(isOurs, 500);
  assert.ok(Date.now() - start >= 100, "two retransmissions need T1 + 2·T1 = 120 ms");
  downstream.send(sipReply(relayed.msg, 200, "OK"), server.address.port);
  await new Promise((resolve) => setTimeout(resolve, 60));
  downstream.clear();
  assert.equal(await downstream.countWithin(300, isOurs), 0, "retransmissions go on after the final reply");
});

test("a relayed INVITE stops being retransmitted at the first provisional reply (timer A)", async () => {
  const { callId, branch } = ids();
  const ruri = `sip:bob@127.0.0.1:${downstream.port}`;
  phone.send(sipRequest("INVITE", { ruri, port: phone.port, branch, callId }), server.address.port);
  const isOurs = (m: { callId: string | null; method: string | null }) => m.callId === callId && m.method === "INVITE";
  const relayed = await downstream.next(isOurs);
  await downstream.next(isOurs, 500);
  downstream.send(sipReply(relayed.msg, 180, "Ringing"), server.address.port);
  await new Promise((resolve) => setTimeout(resolve, 60));
  downstream.clear();
  assert.equal(await downstream.countWithin(300, isOurs), 0);
});

test("an unanswered request is retransmitted until fr_timeout, then no more (timers E and F)", async () => {
  const { callId, branch } = ids();
  const ruri = `sip:carol@127.0.0.1:${downstream.port}`;
  phone.send(sipRequest("INFO", { ruri, port: phone.port, branch, callId }), server.address.port);
  const isOurs = (m: { callId: string | null }) => m.callId === callId;
  // Sent at 0, then 40, 120, 280, 440, 600, 760, 920 ms; fr_timeout ends it at 1000 ms.
  const copies = await downstream.countWithin(1300, isOurs);
  assert.equal(copies, 8);
  downstream.clear();
  assert.equal(await downstream.countWithin(300, isOurs), 0);
});

test("malformed datagrams and requests without a Via are dropped with a log line; the server keeps answering", async () => {
  phone.send("hello there", server.address.port);
  phone.send("OPTIONS sip:127.0.0.1 SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", server.address.port);
  const { callId, branch } = ids();
  phone.send(sipRequest("OPTIONS", { ruri: "sip:127.0.0.1", port: phone.port, branch, callId }), server.address.port);
  await phone.next((m) => m.callId === callId && m.statusCode === 200);
  const dropped = entries.filter((e) => e.kind === "transport" && e.level === "WARNING").map((e) => (e.kind === "transport" ? e.text : ""));
  assert.ok(dropped.some((t) => t.startsWith(`dropped 11 bytes from 127.0.0.1:${phone.port}: `)), dropped.join("\n"));
  assert.ok(dropped.some((t) => t.endsWith(": no valid Via header")), dropped.join("\n"));
});

test("every message gets one summary: what came in and what went out", async () => {
  const { callId, branch } = ids();
  phone.send(sipRequest("INVITE", { ruri: "sip:nobody@127.0.0.1", port: phone.port, branch, callId }), server.address.port);
  const reply = await phone.next(isReply(404));
  phone.send(sipRequest("ACK", { ruri: "sip:nobody@127.0.0.1", port: phone.port, branch, callId, toTag: reply.msg.toTag ?? "" }), server.address.port);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const mine = summaries().filter((s) => s.received?.callId === callId);
  assert.deepEqual(
    mine.map((s) => ({ received: s.received, replies: s.replies, routes: s.routes })),
    [
      {
        received: { type: "request", method: "INVITE", ruri: "sip:nobody@127.0.0.1", from: `127.0.0.1:${phone.port}`, callId },
        replies: [{ code: 404, reason: "Not Found", to: `127.0.0.1:${phone.port}` }],
        routes: ["request"],
      },
      {
        received: { type: "request", method: "ACK", ruri: "sip:nobody@127.0.0.1", from: `127.0.0.1:${phone.port}`, callId },
        replies: [],
        routes: ["request"],
      },
    ],
  );
});

test("close lets a suspended transaction finish, then stops answering", async () => {
  const { callId, branch } = ids();
  phone.send(sipRequest("MESSAGE", { ruri: "sip:later@127.0.0.1", port: phone.port, branch, callId }), server.address.port);
  await new Promise((resolve) => setTimeout(resolve, 30));
  const closed = server.close(2000);
  const reply = await phone.next((m) => m.callId === callId);
  assert.equal(reply.msg.statusCode, 200);
  assert.equal(reply.msg.reason, "Resumed with 7");
  await closed;
  const late = ids();
  phone.send(sipRequest("OPTIONS", { ruri: "sip:127.0.0.1", port: phone.port, ...late }), server.address.port);
  assert.equal(await phone.countWithin(200, (m) => m.callId === late.callId), 0);
  const resumed = summaries().find((s) => s.resumed !== undefined && s.replies.some((r) => r.reason === "Resumed with 7"));
  assert.deepEqual(resumed?.resumed, { route: "afterLater", rc: 7 });
});

function summaries(): MessageSummary[] {
  return entries.flatMap((e) => (e.kind === "message" ? [e.summary] : []));
}
