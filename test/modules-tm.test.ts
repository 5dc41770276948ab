/** tm: relaying, replies from downstream, retransmissions, CANCEL, ACK and the routes tm runs. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { headerOf, replyTo, request, startScript } from "./support/module-scripts.ts";

const RELAY = `
loadmodule "tm.so"
route {
	t_relay();
}
`;

test("t_relay sends the request with the proxy's Via on top and Max-Forwards untouched; $du is the next hop", async () => {
  const run = await startScript(`
loadmodule "tm.so"
route {
	$rU = "carol";
	$du = "sip:10.0.0.9:5070";
	t_relay();
}
`);
  await run.send(request("MESSAGE"));
  const [sent] = run.env.requests;
  assert.equal(sent?.ruri, "sip:carol@10.0.0.2");
  assert.equal(sent?.dst, "sip:10.0.0.9:5070");
  const vias = sent!.text.split("\r\n").filter((l) => l.startsWith("Via:"));
  assert.match(vias[0]!, /^Via: SIP\/2\.0\/UDP 127\.0\.0\.1:5060;branch=z9hG4bK[0-9a-f]{16}\.0$/);
  assert.equal(vias[1], "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-test-1");
  assert.equal(headerOf(sent!.text, "Max-Forwards"), "70");
  assert.ok(sent!.text.startsWith("MESSAGE sip:carol@10.0.0.2 SIP/2.0\r\n"));
});

test("a retransmission of a relayed INVITE gets the last relayed reply again", async () => {
  const run = await startScript(RELAY);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 180, "Ringing"));
  await run.send(request("INVITE"));
  assert.deepEqual(
    run.env.replies.map((r) => `${r.msg} ${r.code}`),
    ["1 100", "1 180", "3 180"],
  );
  assert.equal(run.env.requests.length, 1, "the retransmission is not relayed again");
  const relayed = run.env.replies[1]!.text;
  assert.equal(relayed.split("\r\n").filter((l) => l.startsWith("Via:")).length, 1, "the proxy's own Via is removed from relayed replies");
});

test("a negative final reply to an INVITE is acknowledged downstream and relayed upstream", async () => {
  const run = await startScript(RELAY);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 486, "Busy Here"));
  const ack = run.env.requests[1]!;
  assert.ok(ack.text.startsWith("ACK sip:bob@10.0.0.2 SIP/2.0\r\n"));
  assert.equal(headerOf(ack.text, "CSeq"), "1 ACK");
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 486]);
});

test("the hop-by-hop ACK of a negative reply is absorbed, an end-to-end ACK is forwarded statelessly", async () => {
  const run = await startScript(`
loadmodule "tm.so"
route {
	t_relay();
	xlog("t_relay returned $rc for $rm\\n");
}
`);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 404, "Not Found"));
  await run.send(request("ACK"));
  await run.send(request("ACK", { branch: "z9hG4bK-e2e-ack", toTag: "bob-tag", cseq: 1 }));
  assert.deepEqual(run.logs(), ["t_relay returned 1 for INVITE", "t_relay returned 1 for ACK"]);
  const forwarded = run.env.requests.at(-1)!;
  assert.ok(forwarded.text.startsWith("ACK sip:bob@10.0.0.2 SIP/2.0\r\n"));
  assert.match(forwarded.text, /^Via: SIP\/2\.0\/UDP 127\.0\.0\.1:5060;branch=z9hG4bK[0-9a-f]{16}\.0\r\nVia: SIP\/2\.0\/UDP 10\.0\.0\.1:5060;branch=z9hG4bK-e2e-ack\r\n/m);
});

test("a CANCEL after a provisional reply is answered 200, cancels the branch downstream, and the 487 goes upstream", async () => {
  const run = await startScript(`
loadmodule "tm.so"
loadmodule "sipmsgops.so"
route {
	if (is_method("CANCEL")) {
		if (t_check_trans()) t_relay();
		exit;
	}
	t_relay();
}
`);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 180, "Ringing"));
  await run.send(request("CANCEL"));
  const cancel = run.env.requests[1]!;
  assert.ok(cancel.text.startsWith("CANCEL sip:bob@10.0.0.2 SIP/2.0\r\n"));
  assert.equal(headerOf(cancel.text, "Reason"), 'SIP;cause=487;text="ORIGINATOR_CANCEL"');
  assert.equal(headerOf(cancel.text, "Via"), headerOf(run.env.requests[0]!.text, "Via"), "the CANCEL reuses the branch's Via");
  await run.send(replyTo(cancel.text, 200, "OK"));
  await run.send(replyTo(run.env.requests[0]!.text, 487, "Request Terminated"));
  assert.deepEqual(
    run.env.replies.map((r) => `${r.code} ${r.reason}`),
    ["100 Giving it a try", "180 Ringing", "200 canceling", "487 Request Terminated"],
  );
});

test("t_reply: one final reply only; provisional replies before it; ACKs are not answered", async () => {
  const run = await startScript(`
loadmodule "tm.so"
route {
	t_reply(180, "Ringing");
	xlog("180: $rc\\n");
	t_reply(486, "Busy Here");
	xlog("486: $rc\\n");
	t_reply(500, "Again");
	xlog("500: $rc\\n");
}
`);
  await run.send(request("INVITE"));
  assert.deepEqual(run.logs(), ["180: 1", "486: 1", "500: -1"]);
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 180, 486]);
  assert.equal(headerOf(run.env.replies[1]!.text, "To"), headerOf(run.env.replies[2]!.text, "To"), "same To-tag on every reply of the transaction");
});

test("t_check_status and $T_reply_code follow the route kind; $T_branch_idx names the branch", async () => {
  const run = await startScript(`
loadmodule "tm.so"
route {
	t_on_branch("b");
	t_on_reply("r");
	t_on_failure("f");
	t_relay();
}
branch_route[b] {
	xlog("branch $T_branch_idx\\n");
}
onreply_route[r] {
	if (t_check_status("1[0-9][0-9]")) xlog("provisional $T_reply_code on branch $T_branch_idx\\n");
}
failure_route[f] {
	if (t_check_status("4[0-9][0-9]")) xlog("failed with $T_reply_code\\n");
}
`);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 183, "Session Progress"));
  await run.send(replyTo(run.env.requests[0]!.text, 480, "Temporarily Unavailable"));
  assert.deepEqual(run.logs(), ["branch 0", "provisional 183 on branch 0", "failed with 480"]);
});

test("onreply_avp_mode decides whether reply routes see the transaction's AVPs", async () => {
  for (const [mode, expected] of [
    [0, "<null>"],
    [1, "set in request"],
  ] as const) {
    const run = await startScript(`
loadmodule "tm.so"
modparam("tm", "onreply_avp_mode", ${mode})
route {
	$avp(a) = "set in request";
	t_on_reply("r");
	t_relay();
}
onreply_route[r] {
	xlog("avp: $avp(a)\\n");
}
`);
    await run.send(request("MESSAGE"));
    await run.send(replyTo(run.env.requests[0]!.text, 200, "OK"));
    assert.deepEqual(run.logs(), [`avp: ${expected}`], `onreply_avp_mode ${mode}`);
  }
});

test("a 2xx is relayed at once and ends the transaction: a later final reply is not relayed", async () => {
  const run = await startScript(RELAY);
  await run.send(request("INVITE"));
  const sent = run.env.requests[0]!.text;
  await run.send(replyTo(sent, 200, "OK"));
  await run.send(replyTo(sent, 200, "OK"));
  assert.deepEqual(run.env.replies.map((r) => r.code), [100, 200, 200], "2xx retransmissions of an INVITE go upstream (end-to-end)");
  const other = await startScript(RELAY);
  await other.send(request("MESSAGE"));
  await other.send(replyTo(other.env.requests[0]!.text, 200, "OK"));
  await other.send(replyTo(other.env.requests[0]!.text, 500, "Late"));
  assert.deepEqual(other.env.replies.map((r) => r.code), [200]);
});

test("t_newtran: 1 for a new transaction, 0 (the script ends) for a retransmission; t_was_cancelled needs one", async () => {
  const run = await startScript(`
loadmodule "tm.so"
route {
	t_was_cancelled();
	xlog("before: $rc\\n");
	t_newtran();
	xlog("t_newtran: $rc\\n");
	t_newtran();
	xlog("again: $rc\\n");
}
`);
  await run.send(request("MESSAGE"));
  await run.send(request("MESSAGE"));
  assert.deepEqual(run.logs(), ["before: -1", "t_newtran: 1", "again: -1", "before: -1"]);
});

test("a branch without a final reply ends with tm's own 408 after fr_timeout; a ringing INVITE is cancelled first", async () => {
  const run = await startScript(`
loadmodule "tm.so"
modparam("tm", "fr_timeout", 1)
modparam("tm", "fr_inv_timeout", 1)
route {
	t_on_failure("timeout");
	t_relay();
}
failure_route[timeout] {
	xlog("failure route: $T_reply_code\\n");
}
`);
  await run.send(request("INVITE"));
  await run.send(replyTo(run.env.requests[0]!.text, 180, "Ringing"));
  await new Promise((resolve) => setTimeout(resolve, 1300));
  assert.deepEqual(run.logs(), ["failure route: 408"]);
  assert.deepEqual(run.env.replies.map((r) => `${r.code} ${r.reason}`), ["100 Giving it a try", "180 Ringing", "408 Request Timeout"]);
  assert.ok(run.env.requests[1]!.text.startsWith("CANCEL "), "the ringing branch is cancelled downstream");
});
